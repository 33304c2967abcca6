// Which package versions a new release selects. Sources, strongest first: explicit legacy
// SelectedPackages (ActionName + PackageReferenceName), Executions-style specs (`StepName:Version`,
// `PackageID:Version`, `StepName:PackageName:Version`, `*` wildcards), one PackageVersion for all,
// else the latest version in the feed. Every problem is collected (the caller reports them at once).
import type { Store } from './store.js';
import type { DeploymentProcess, PackageReference, SelectedPackage } from './model.js';

export interface SelectedPackageInput {
  ActionName: string;
  PackageReferenceName?: string;
  Version: string;
}

export interface PackageSelection {
  selectedPackages?: SelectedPackageInput[];
  /** Executions API `Packages` specs. */
  packages?: string[];
  packageVersion?: string;
}

interface Slot {
  stepName: string;
  actionName: string;
  ref: PackageReference;
}

function slotsOf(process: DeploymentProcess): Slot[] {
  return process.Steps.flatMap((st) =>
    st.Actions.filter((a) => !a.IsDisabled).flatMap((a) => a.Packages.map((ref) => ({ stepName: st.Name, actionName: a.Name, ref }))),
  );
}

const eq = (a: string, b: string) => a === '*' || a.toLowerCase() === b.toLowerCase();

/** The version an Executions spec assigns to the slot, or undefined if the spec does not match it. */
function specVersion(spec: string, slot: Slot): string | undefined {
  const parts = spec.split(':');
  if (parts.length === 2) {
    const [who, version] = parts as [string, string];
    return eq(who, slot.stepName) || eq(who, slot.actionName) || eq(who, slot.ref.PackageId) ? version : undefined;
  }
  if (parts.length === 3) {
    const [step, name, version] = parts as [string, string, string];
    const stepMatches = eq(step, slot.stepName) || eq(step, slot.actionName);
    return stepMatches && (eq(name, slot.ref.Name) || eq(name, slot.ref.PackageId)) ? version : undefined;
  }
  return undefined;
}

/** Resolves every package slot of the process; returns the selection and the problems found. */
export function selectPackages(store: Store, process: DeploymentProcess, input: PackageSelection): { selected: SelectedPackage[]; problems: string[] } {
  const problems: string[] = [];
  for (const spec of input.packages ?? []) {
    const n = spec.split(':').length;
    if (n < 2 || n > 3 || spec.split(':').some((p) => p.length === 0)) {
      problems.push(`The package specification '${spec}' is not valid; use 'StepName:Version', 'PackageID:Version' or 'StepName:PackageName:Version'.`);
    }
  }
  const slots = slotsOf(process);
  for (const sp of input.selectedPackages ?? []) {
    const known = slots.some((s) => eq(sp.ActionName, s.actionName) && (sp.PackageReferenceName ?? '') === s.ref.Name);
    if (!known) problems.push(`The selected package for action '${sp.ActionName}' (reference '${sp.PackageReferenceName ?? ''}') does not match a package in the deployment process.`);
  }
  const selected: SelectedPackage[] = [];
  for (const slot of slots) {
    const explicit = input.selectedPackages?.find((sp) => eq(sp.ActionName, slot.actionName) && (sp.PackageReferenceName ?? '') === slot.ref.Name)?.Version;
    let fromSpec: string | undefined;
    for (const spec of input.packages ?? []) fromSpec = specVersion(spec, slot) ?? fromSpec;
    const version = explicit ?? fromSpec ?? input.packageVersion ?? store.latestPackageVersion(slot.ref.FeedId, slot.ref.PackageId)?.Version;
    if (version === undefined) {
      problems.push(`No version of package '${slot.ref.PackageId}' (step '${slot.stepName}') was found in feed ${slot.ref.FeedId}.`);
      continue;
    }
    if (!store.findPackageVersion(slot.ref.FeedId, slot.ref.PackageId, version)) {
      problems.push(`Package '${slot.ref.PackageId}' version '${version}' (step '${slot.stepName}') was not found in feed ${slot.ref.FeedId}.`);
      continue;
    }
    selected.push({ ActionName: slot.actionName, StepName: slot.stepName, PackageReferenceName: slot.ref.Name, Version: version });
  }
  return { selected, problems };
}
