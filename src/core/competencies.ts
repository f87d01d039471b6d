/**
 * The eight competencies the assignment asks the story bank to cover, in the order the seed lists
 * them. The board shows one column per entry; `id` is what a story's frontmatter stores.
 */
export const COMPETENCIES = [
  { id: 'distributed-systems', label: 'Distributed systems', focus: 'consensus, replication, partitions' },
  { id: 'security', label: 'Security', focus: 'threat models, risk assessment' },
  { id: 'reliability', label: 'Reliability / SRE', focus: 'SLOs, incidents, recovery' },
  { id: 'debugging', label: 'Debugging', focus: 'root cause analysis, testing' },
  { id: 'performance', label: 'Performance', focus: 'latency, throughput, profiling' },
  { id: 'architecture', label: 'Architecture', focus: 'system design, boundaries' },
  { id: 'collaboration', label: 'Collaboration', focus: 'code review, teamwork' },
  { id: 'learning-from-failure', label: 'Learning from failure', focus: 'mistakes, iteration' },
] as const;

export type CompetencyId = (typeof COMPETENCIES)[number]['id'];

export const COMPETENCY_IDS = COMPETENCIES.map((c) => c.id) as unknown as readonly [CompetencyId, ...CompetencyId[]];

export function competencyLabel(id: string): string {
  return COMPETENCIES.find((c) => c.id === id)?.label ?? id;
}
