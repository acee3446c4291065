/** Small whole network documents for the rules' examples. */

/** A network named `default` with `body` (already indented by two spaces) inside. */
export function networkDoc(body: string, name = 'default'): string {
  return `<network>\n  <name>${name}</name>\n${body}</network>\n`;
}

/** A NAT network on virbr0 whose `<ip>` holds `dhcp` (indented by six spaces). */
export function natNetwork(dhcp: string, ip = "address='192.168.122.1' netmask='255.255.255.0'"): string {
  return networkDoc(`  <forward mode='nat'/>\n  <bridge name='virbr0'/>\n  <ip ${ip}>\n    <dhcp>\n${dhcp}    </dhcp>\n  </ip>\n`);
}
