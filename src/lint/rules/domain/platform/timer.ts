/**
 * `<clock><timer>` settings the QEMU driver cannot provide on the guest's architecture or machine.
 */
import type { DocumentRule } from '../../../types.js';
import { domainXml } from './examples.js';
import { isQemuDomain, isX86Arch, machineIs, machineName } from './util.js';

interface TimerLike {
  readonly name?: string;
  readonly present?: string;
  readonly track?: string;
  readonly tickpolicy?: string;
}

export const timerUnsupported: DocumentRule<'domain'> = {
  meta: {
    id: 'timer-unsupported',
    category: 'domain',
    level: 'error',
    roots: ['domain'],
    docs: {
      summary: 'A `<clock><timer>` the QEMU driver cannot provide: an x86 timer on another architecture, `armvtimer` off KVM ARM virt, the `platform` timer, or a track or tick policy QEMU lacks.',
      why: "The QEMU driver refuses the domain: `tsc`, `kvmclock`, `hypervclock` and `hpet` exist on x86 guests only, `armvtimer` on KVM guests of ARM 'virt' machines, and QEMU has no `platform` timer, no rtc `track='boot'`, and no merge/discard tick policies for the rtc (merge for the pit).",
      example: {
        bad: domainXml({ arch: 's390x', body: ["<clock offset='utc'>", "  <timer name='tsc' present='yes'/>", '</clock>'] }),
        good: domainXml({ arch: 's390x', body: ["<clock offset='utc'/>"] }),
        config: { arch: 's390x' },
      },
      libvirtMessage: "unsupported configuration: Configuring the 'tsc' timer is not supported for virtType=kvm arch=s390x machine=s390-ccw-virtio guests",
      libvirtSource: 'src/qemu/qemu_validate.c, qemuValidateDomainDefClockTimers',
      limits: "pit's catchup tick policy and armvtimer depend on QEMU's capabilities and are not checked beyond the platform.",
    },
  },
  check(ctx) {
    if (!isQemuDomain(ctx.platform)) return;
    const p = ctx.platform;
    const x86 = isX86Arch(p.arch);
    const on = `virtType=${p.virtType} arch=${p.arch} machine=${machineName(p)}`;
    for (const timer of (ctx.model.clock?.timer ?? []) as readonly (TimerLike & object)[]) {
      const name = timer.name;
      const report = (message: string, attribute?: string) => ctx.report({ node: timer, ...(attribute !== undefined ? { attribute } : {}), message });
      switch (name) {
        case 'platform':
          report("QEMU has no 'platform' timer: remove it", 'name');
          break;
        case 'tsc':
        case 'kvmclock':
        case 'hypervclock':
          if (!x86 && timer.present === 'yes') report(`the '${name}' timer exists on x86 guests only, not for ${on}: remove it`, 'present');
          break;
        case 'hpet':
          if (timer.present === 'yes' && p.arch !== 'x86_64' && p.arch !== 'i686') report(`the hpet timer exists on x86 guests only, not ${p.arch}: remove it`, 'present');
          break;
        case 'rtc':
          if (timer.track === 'boot') report("QEMU cannot make the rtc track the host's boot time: use track='guest', 'wall' or 'realtime'", 'track');
          else if (timer.tickpolicy === 'merge' || timer.tickpolicy === 'discard') report(`QEMU's rtc has no '${timer.tickpolicy}' tick policy: use 'delay' or 'catchup'`, 'tickpolicy');
          break;
        case 'pit':
          if (timer.tickpolicy === 'merge') report("QEMU's pit has no 'merge' tick policy: use 'delay', 'discard' or 'catchup'", 'tickpolicy');
          break;
        case 'armvtimer': {
          const armVirt = machineIs(p, 'arm-virt');
          if (p.virtType !== 'kvm' || armVirt === false) {
            report(`the armvtimer timer exists on KVM guests of ARM 'virt' machines only, not for ${on}: remove it`, 'name');
          } else if (armVirt === true && timer.present === 'no') {
            report('the armvtimer timer cannot be disabled: remove present=\'no\'', 'present');
          } else if (armVirt === true && (timer.tickpolicy === 'catchup' || timer.tickpolicy === 'merge')) {
            report(`the armvtimer timer has no '${timer.tickpolicy}' tick policy: use 'delay' or 'discard'`, 'tickpolicy');
          }
          break;
        }
        default:
          break;
      }
    }
  },
};

export const TIMER_RULES = [timerUnsupported] as const;
