import type { EntityAttributeValue } from './types.js';

/** A step in the tree of attribute sets: which of the attributes so far are present, and the template at a leaf. */
interface ShapeNode {
  absent?: ShapeNode;
  present?: ShapeNode;
  /** Every attribute of the set, null until a copy is filled. */
  template?: Readonly<Record<string, unknown>>;
}

/**
 * Makes the attribute objects of per-entity log records. An object whose properties are added one by one under
 * computed names becomes a hash table once it has a dozen or so (V8 leaves the fast layout, whose shape objects
 * share, for objects that grow by keyed stores), and a record has thirty to forty: making, checking and serializing
 * such objects took about a third of the collector's CPU on a million-row report (docs/benchmarks.md). Here each
 * object is a copy of a template with the same attributes in the same order (made by JSON.parse, which keeps the
 * fast layout) whose values are then stored: storing into properties an object already has keeps its layout. Rows
 * differ in which cells are empty, so there is one template per set of attributes present, a handful per report.
 */
export class AttributeObjects {
  readonly #names: readonly string[];
  readonly #root: ShapeNode = {};

  constructor(names: readonly string[]) {
    this.#names = names;
  }

  /** An object holding `values[i]` as `names[i]` for each value not undefined, in the order of the names. */
  build(values: readonly (EntityAttributeValue | undefined)[]): Record<string, EntityAttributeValue> {
    const names = this.#names;
    let node = this.#root;
    for (let index = 0; index < names.length; index++) {
      if (values[index] === undefined) node = node.absent ??= {};
      else node = node.present ??= {};
    }
    node.template ??= this.#template(values);
    const attributes = { ...node.template } as Record<string, EntityAttributeValue>;
    for (let index = 0; index < names.length; index++) {
      const value = values[index];
      if (value !== undefined) attributes[names[index] as string] = value;
    }
    return attributes;
  }

  #template(values: readonly (EntityAttributeValue | undefined)[]): Readonly<Record<string, unknown>> {
    const present = this.#names.filter((_, index) => values[index] !== undefined);
    return JSON.parse(JSON.stringify(Object.fromEntries(present.map((name) => [name, null]))));
  }
}
