/**
 * What libvirt's documents rely on but its schemas cannot say, for writing models that carry no
 * layout (built in code, or received as JSON). Each rule is checked against the shaped model: when
 * its schema file is in the model, a rule that no longer matches a type and its properties stops
 * codegen.
 */

/**
 * A repeated group such as `(model, blockers?)*` becomes two arrays in the model, and nothing in
 * the schema says which `model` a `blockers` follows. libvirt pairs them by value: each
 * `<blockers model='X'>` comes right after `<model>X</model>`. So the writer puts each follower
 * item after the leader item whose value equals the follower's `key` property.
 */
export interface FollowerRule {
  /** The schema file the type comes from. */
  readonly file: string;
  /** The model type holding both properties. */
  readonly type: string;
  readonly follower: string;
  readonly leader: string;
  /** The follower's property that names its leader by the leader's value (`$value`). */
  readonly key: string;
}

export const FOLLOWERS: readonly FollowerRule[] = [
  // define cpuCustom: <model>…</model> then optionally <blockers model='…'>.
  { file: 'domaincaps.rng', type: 'DomainCapsCpuModeCustom', follower: 'blockers', leader: 'model', key: 'model' },
];
