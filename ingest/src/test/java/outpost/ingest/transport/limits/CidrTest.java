package outpost.ingest.transport.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void matchesIpv4NetworksAndMappedAddresses() throws Exception {
    Cidr net = Cidr.parse("10.1.0.0/16");
    assertThat(net.contains(InetAddress.getByName("10.1.200.3"))).isTrue();
    assertThat(net.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
    assertThat(net.contains(InetAddress.getByName("::ffff:10.1.0.9"))).isTrue();
    assertThat(Cidr.parse("10.1.2.3/8").toString()).isEqualTo("10.0.0.0/8");
    assertThat(Cidr.parse("127.0.0.2").contains(InetAddress.getByName("127.0.0.1"))).isFalse();
  }

  @Test
  void matchesIpv6Networks() throws Exception {
    Cidr net = Cidr.parse("2001:db8::/32");
    assertThat(net.contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
    assertThat(net.contains(InetAddress.getByName("2001:db9::1"))).isFalse();
    assertThat(net.contains(InetAddress.getByName("10.0.0.1"))).isFalse();
    assertThat(Cidr.parse("::/0").contains(InetAddress.getByName("::1"))).isTrue();
  }

  @Test
  void rejectsHostNamesAndBadPrefixesNamingTheValue() {
    assertThatThrownBy(() -> Cidr.parse("example.org"))
        .hasMessageContaining("'example.org' is not an IP address");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33"))
        .hasMessageContaining("prefix /33 outside 0..32");
    assertThatThrownBy(() -> Cidr.parse("10.0.0.0/x")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> Cidr.parse("")).hasMessageContaining("is not an IP address");
  }
}
