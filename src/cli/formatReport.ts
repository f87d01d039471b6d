import { findingPlace } from '../core/checker/findingPlace';
import type { CheckReport, Finding } from '../core/checker/types';

function where(finding: Finding): string {
  const place = findingPlace(finding);
  return place ? `${place}: ` : '';
}

/** The human form of a check: ✓/✗ per criterion with its findings, then the warnings. */
export function formatReport(report: CheckReport, heading: string): string {
  const out = [heading, ''];
  for (const criterion of report.criteria) {
    out.push(`${criterion.pass ? '✓' : '✗'} ${criterion.id}. ${criterion.name}`);
    for (const finding of criterion.findings) out.push(`    ${where(finding)}${finding.message}`);
  }
  if (report.warnings.length) {
    out.push('', `Warnings (${report.warnings.length}, not failing):`);
    for (const warning of report.warnings) out.push(`  ! ${where(warning)}${warning.message}`);
  }
  const passed = report.criteria.filter((c) => c.pass).length;
  out.push(
    '',
    report.pass
      ? `All ${report.criteria.length} criteria pass.`
      : `${passed} of ${report.criteria.length} criteria pass.`,
  );
  return out.join('\n');
}
