import { findingPlace } from '../core/checker/findingPlace';
import type { CheckReport, Finding } from '../core/checker/types';

function where(finding: Finding): string {
  const place = findingPlace(finding);
  return place ? `${place}: ` : '';
}

/**
 * The human form of a check: ✓/✗ per criterion with its findings, then the warnings. With
 * `strict`, story files that were not counted fail the check and are listed as failing.
 */
export function formatReport(report: CheckReport, heading: string, strict = false): string {
  const out = [heading, ''];
  for (const criterion of report.criteria) {
    out.push(`${criterion.pass ? '✓' : '✗'} ${criterion.id}. ${criterion.name}`);
    for (const finding of criterion.findings) out.push(`    ${where(finding)}${finding.message}`);
  }
  const failing = strict ? (report.notCounted ?? []) : [];
  if (failing.length) {
    out.push(`✗ strict: every story file is counted`);
    for (const finding of failing) out.push(`    ${where(finding)}${finding.message}`);
  }
  const warnings = report.warnings.filter((warning) => !failing.includes(warning));
  if (warnings.length) {
    out.push('', `Warnings (${warnings.length}, not failing):`);
    for (const warning of warnings) out.push(`  ! ${where(warning)}${warning.message}`);
  }
  const passed = report.criteria.filter((c) => c.pass).length;
  const uncounted = failing.length
    ? `, but ${failing.length} story ${failing.length === 1 ? 'file is' : 'files are'} not counted (--strict)`
    : '';
  out.push(
    '',
    report.pass
      ? `All ${report.criteria.length} criteria pass.`
      : `${passed} of ${report.criteria.length} criteria pass${uncounted}.`,
  );
  return out.join('\n');
}
