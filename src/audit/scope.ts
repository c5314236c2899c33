/**
 * The audit scope — ハンドブック 2.(2)ウ 監査実施計画の策定 (scope and criteria).
 * 監査手続 audits the 32 items of the minimum baseline; an audit covers every item of its
 * catalogue version by default. Leaving items out is a decision that must be explained.
 */
import { isFilled, raiseIfAny, violation, Violation } from './violation';

export interface Scope {
  /** In-scope item numbers, ascending, without duplicates. */
  readonly itemNos: number[];
  /** Catalogue items left out, ascending. */
  readonly excludedItemNos: number[];
  /** Why items were left out; null for a full scope. */
  readonly exclusionReason: string | null;
  /** True when every catalogue item is in scope. */
  readonly full: boolean;
}

export interface ScopeOptions {
  /**
   * Items that may not be left out, e.g. the `*` items of source 002 (mandatory for users of
   * identifiable data).
   */
  readonly mandatoryItemNos?: readonly number[];
}

/** Every reason the selection is not an acceptable scope (empty = acceptable). */
export function checkScope(
  catalogItemNos: readonly number[],
  selected?: readonly number[] | null,
  exclusionReason?: string | null,
  options: ScopeOptions = {},
): Violation[] {
  const catalog = new Set(catalogItemNos);
  if (catalog.size === 0) {
    return [
      violation('SCOPE_CATALOG_EMPTY', '監査基準の項目がありません。', 'The criteria catalogue has no items.', {
        field: 'catalogVersionId',
      }),
    ];
  }
  if (selected === undefined || selected === null) return [];

  const out: Violation[] = [];
  const unknown = unique(selected.filter((n) => !catalog.has(n)));
  if (unknown.length > 0) {
    out.push(
      violation(
        'SCOPE_UNKNOWN_ITEMS',
        `監査基準にない項目番号が指定されています: ${unknown.join(', ')}`,
        `These item numbers are not in the criteria catalogue: ${unknown.join(', ')}`,
        { field: 'itemNos', details: { unknownItemNos: unknown } },
      ),
    );
  }
  const chosen = unique(selected.filter((n) => catalog.has(n)));
  if (selected.length === 0) {
    out.push(
      violation('SCOPE_EMPTY', '監査範囲に少なくとも1項目を含めてください。', 'The scope must include at least one item.', {
        field: 'itemNos',
      }),
    );
  }
  const excluded = [...catalog].filter((n) => !chosen.includes(n));
  const missingMandatory = unique((options.mandatoryItemNos ?? []).filter((n) => excluded.includes(n)));
  if (missingMandatory.length > 0) {
    out.push(
      violation(
        'SCOPE_MANDATORY_ITEM_EXCLUDED',
        `必須項目は監査範囲から除外できません: ${missingMandatory.join(', ')}`,
        `Mandatory items cannot be left out of the scope: ${missingMandatory.join(', ')}`,
        { field: 'itemNos', details: { itemNos: missingMandatory } },
      ),
    );
  }
  if (excluded.length > 0 && selected.length > 0 && !isFilled(exclusionReason)) {
    out.push(
      violation(
        'SCOPE_EXCLUSION_REASON_REQUIRED',
        '一部の項目を監査範囲から除外する場合は、その理由を記録してください。',
        'Leaving items out of the scope requires a recorded reason.',
        { field: 'exclusionReason', details: { excludedItemNos: excluded.sort((a, b) => a - b) } },
      ),
    );
  }
  return out;
}

/**
 * The scope of an audit: every catalogue item when nothing is selected; otherwise the selected
 * subset, which needs a reason and only known item numbers.
 * Throws DomainError('invalid') with every violation.
 */
export function resolveScope(
  catalogItemNos: readonly number[],
  selected?: readonly number[] | null,
  exclusionReason?: string | null,
  options: ScopeOptions = {},
): Scope {
  raiseIfAny('invalid', checkScope(catalogItemNos, selected, exclusionReason, options));
  const all = unique(catalogItemNos);
  const itemNos = selected === undefined || selected === null ? all : unique(selected);
  const excludedItemNos = all.filter((n) => !itemNos.includes(n));
  const full = excludedItemNos.length === 0;
  return { itemNos, excludedItemNos, exclusionReason: full ? null : (exclusionReason ?? '').trim(), full };
}

function unique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}
