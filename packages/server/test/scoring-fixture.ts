/**
 * The scoring rule the pre-loan tests use: a scorecard over indicator a (a ratio in [0, 1] mapped
 * linearly to 1–7 points), approve from 5 points, review from 4, the credit limit a multiple of the
 * requested amount by score tier; optionally the credit tree's classes that decline or send to review.
 */
export function scorecardRule(
  options: { tiers?: { minScore: number; multiple: string }[]; tree?: { decline: string[]; review: string[] } } = {},
) {
  return {
    method: 'scorecard',
    rules: {
      a: {
        type: 'linear',
        points: [
          [0, 1],
          [1, 7],
        ],
      },
    },
    thresholds: { approve: 5, review: 4 },
    limit: {
      tiers: options.tiers ?? [
        { minScore: 4, multiple: '0.1' },
        { minScore: 5, multiple: '0.3' },
      ],
    },
    ...(options.tree ? { tree: options.tree } : {}),
  };
}
