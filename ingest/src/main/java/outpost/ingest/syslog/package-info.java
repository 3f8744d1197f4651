/**
 * Syslog parsing without Netty: RFC 5424 ({@link outpost.ingest.syslog.Rfc5424Parser}) and RFC 3164
 * as real senders write it ({@link outpost.ingest.syslog.Rfc3164Parser}), behind {@link
 * outpost.ingest.syslog.SyslogParser} (text to a sealed {@link outpost.ingest.syslog.ParseResult})
 * and {@link outpost.ingest.syslog.SyslogEventDecoder} (bytes to a {@link outpost.index.LogEvent},
 * the class transports call).
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li>RFC 5424 is detected by 1-3 digits and a space after PRI; anything else after PRI is RFC
 *       3164. A frame with neither PRI nor a timestamp is not syslog and is kept raw.
 *   <li>RFC 5424 is strict on structure (field lengths 255/48/128/32, empty fields, calendar,
 *       STRUCTURED-DATA syntax) and lenient on what rsyslog, syslog-ng and Windows agents send: 7-9
 *       fraction digits, lower-case {@code t}/{@code z}, a missing offset, non-ASCII header text,
 *       unescaped {@code ]} in PARAM-VALUE.
 *   <li>Structured data becomes fields {@code sd.<SD-ID>.<PARAM-NAME>}, at most 64 per frame.
 *   <li>RFC 3164 times without a zone use {@link outpost.ingest.syslog.ParserConfig}'s zone for the
 *       host (first matching {@link outpost.ingest.syslog.HostZone} glob, else the listener
 *       default, UTC unless configured); without a year, the latest year that is not more than a
 *       day after arrival.
 *   <li>Invalid UTF-8 is replaced by U+FFFD and marked with field {@code encoding_error=true}.
 * </ul>
 */
package outpost.ingest.syslog;
