/** Small whole domain documents for the hygiene and legacy rules' examples. */

export interface DomainDocOptions {
  /** Attributes of `<domain>` after `type='kvm'`, e.g. ` id='7'`. */
  readonly rootAttributes?: string;
  /** Elements between `<os>` and `<devices>` (indented by two spaces). */
  readonly top?: string;
  /** `<os>` content (indented by four spaces). */
  readonly os?: string;
  /** Elements after `<devices>` (indented by two spaces). */
  readonly bottom?: string;
  readonly memory?: string;
  readonly type?: string;
}

/** A q35 KVM guest with `devices` (indented by four spaces) in `<devices>`. */
export function domainDoc(devices: string, o: DomainDocOptions = {}): string {
  const os = o.os ?? "    <type arch='x86_64' machine='q35'>hvm</type>\n";
  return `<domain type='${o.type ?? 'kvm'}'${o.rootAttributes ?? ''}>\n  <name>web01</name>\n  ${o.memory ?? "<memory unit='GiB'>2</memory>"}\n  <os>\n${os}  </os>\n${o.top ?? ''}  <devices>\n${devices}  </devices>\n${o.bottom ?? ''}</domain>\n`;
}

/** The sentence every legacy rule's docs end with. */
export const MIGRATE_FIXES = '`virtxml migrate` rewrites it to the current form.';
export const MIGRATE_REPORTS = '`virtxml migrate` lists it but cannot rewrite it: the current form depends on the host.';
