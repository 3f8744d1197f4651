package outpost.server.ui;

import java.util.List;
import java.util.Map;

/**
 * What the tests observe inside a page. {@link #SCRIPT} runs in every document before the page's
 * own scripts (CDP {@code Page.addScriptToEvaluateOnNewDocument}, which the page's CSP does not
 * restrict): it records Content-Security-Policy violations and counts the server-sent events and
 * hits each {@code EventSource} receives, so a test knows the live tail is connected before it
 * sends and that a paused tail did receive what it holds back. The readers below return what was
 * recorded since the current document loaded. Stateless.
 */
final class PageProbe {
  static final String SCRIPT =
      """
      (() => {
        const csp = [];
        Object.defineProperty(window, '__outpostCsp', {value: csp});
        document.addEventListener('securitypolicyviolation', e => csp.push(
            e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' in '
            + (e.sourceFile || e.documentURI) + ':' + e.lineNumber + ' ' + (e.sample || '')), true);
        const tail = {streams: 0, events: 0, hits: 0};
        Object.defineProperty(window, '__outpostTail', {value: tail});
        const Native = window.EventSource;
        if (!Native) return;
        const Counting = function (url, init) {
          const source = new Native(url, init);
          tail.streams++;
          source.addEventListener('hits', e => {
            tail.events++;
            try { tail.hits += JSON.parse(e.data).hits.length; } catch (ignored) { tail.hits = NaN; }
          });
          source.addEventListener('stats', () => tail.events++);
          return source;
        };
        Counting.prototype = Native.prototype;
        Object.assign(Counting, {CONNECTING: 0, OPEN: 1, CLOSED: 2});
        window.EventSource = Counting;
      })();
      """;

  /**
   * Lists what injected markup would leave behind: attributes named {@code on*}, {@code
   * javascript:} URLs, inline {@code script} elements, and plugin or frame elements.
   */
  private static final String HOSTILE_DOM =
      """
      const found = [];
      const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
          + (el.className && el.className.baseVal === undefined && el.className
              ? '.' + String(el.className).trim().replace(/\\s+/g, '.') : '');
      const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster'];
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) {
          const name = a.name.toLowerCase();
          if (name.startsWith('on')) {
            found.push(describe(el) + ' has attribute ' + a.name + '="' + a.value + '"');
          }
          const url = a.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
          if (urlAttributes.includes(name) && url.startsWith('javascript:')) {
            found.push(describe(el) + ' has ' + a.name + '="' + a.value + '"');
          }
        }
        const tag = el.tagName.toLowerCase();
        if (tag === 'script' && !el.hasAttribute('src')) {
          found.push('inline script: ' + el.textContent.slice(0, 120));
        }
        if (['iframe', 'frame', 'object', 'embed', 'base'].includes(tag)) {
          found.push('unexpected element ' + el.outerHTML.slice(0, 120));
        }
      }
      return found;
      """;

  private PageProbe() {}

  /** CSP violations reported in the current document, one line each. */
  static List<String> cspViolations(Chromium browser) {
    return strings(browser.script("return window.__outpostCsp ? [...window.__outpostCsp] : null;"));
  }

  /** How many {@code hits}/{@code stats} events the page's live streams received so far. */
  static long tailEvents(Chromium browser) {
    Object n = browser.script("return window.__outpostTail ? window.__outpostTail.events : -1;");
    return ((Number) n).longValue();
  }

  /** How many hits the page's live streams delivered to it so far (rendered or not). */
  static long tailHits(Chromium browser) {
    Object n = browser.script("return window.__outpostTail ? window.__outpostTail.hits : -1;");
    return ((Number) n).longValue();
  }

  /** Elements and attributes that injected markup would have produced; empty when clean. */
  static List<String> hostileDom(Chromium browser) {
    return strings(browser.script(HOSTILE_DOM));
  }

  /** {@code typeof window.__xss}: {@code "undefined"} unless an injected script ran. */
  static String xssMarker(Chromium browser) {
    return (String) browser.script("return typeof window.__xss;");
  }

  /** The query parameters of the page's current URL, decoded. */
  @SuppressWarnings("unchecked")
  static Map<String, String> urlParameters(Chromium browser) {
    return (Map<String, String>)
        browser.script("return Object.fromEntries(new URL(location.href).searchParams);");
  }

  private static List<String> strings(Object value) {
    if (value == null) {
      throw new AssertionError(
          "the page probe is missing: Page.addScriptToEvaluateOnNewDocument did not run");
    }
    return ((List<?>) value).stream().map(String::valueOf).toList();
  }
}
