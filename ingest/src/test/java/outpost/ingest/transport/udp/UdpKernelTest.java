package outpost.ingest.transport.udp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UdpKernelTest {
  static final String SNMP =
      """
      Ip: Forwarding DefaultTTL InReceives
      Ip: 1 64 12345
      Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors
      Udp: 185 3 20 186 17 0 0
      UdpLite: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors InCsumErrors
      UdpLite: 0 0 99 0 99 0 0
      """;

  @TempDir Path dir;

  @Test
  void readsUdpCountersNotUdpLiteOnes() throws Exception {
    UdpKernel kernel = kernel(SNMP, "4194304");

    assertThat(kernel.udpCounter(UdpKernel.RCVBUF_ERRORS)).isEqualTo(17);
    assertThat(kernel.udpCounter(UdpKernel.IN_ERRORS)).isEqualTo(20);
  }

  @Test
  void readsUnknownCounterAsNaN() throws Exception {
    assertThat(kernel(SNMP, "1").udpCounter("NoSuchCounter")).isNaN();
  }

  @Test
  void readsMissingFilesAsUnknown() {
    UdpKernel kernel = new UdpKernel(dir.resolve("missing"), dir.resolve("missing-too"));

    assertThat(kernel.udpCounter(UdpKernel.RCVBUF_ERRORS)).isNaN();
    assertThat(kernel.receiveBufferMax()).isEmpty();
  }

  @Test
  void readsReceiveBufferCap() throws Exception {
    assertThat(kernel(SNMP, "4194304\n").receiveBufferMax()).hasValue(4194304);
  }

  @Test
  void readsGarbledCountersAsNaN() throws Exception {
    assertThat(kernel("Udp: RcvbufErrors\nUdp: lots\n", "x").udpCounter("RcvbufErrors")).isNaN();
  }

  private UdpKernel kernel(String snmp, String rmemMax) throws Exception {
    return new UdpKernel(
        Files.writeString(dir.resolve("snmp"), snmp),
        Files.writeString(dir.resolve("rmem_max"), rmemMax));
  }
}
