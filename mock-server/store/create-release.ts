// createRelease: a new release of a project in a channel, with its process frozen and its package
// versions selected. Version omitted → next version from the project's versioning strategy (template
// over the last release, or the donor package's version). An existing version is a 409 conflict unless
// ignoreIfAlreadyExists, which returns the existing release with created: false.
import { conflict, validationFailed } from '../api/errors.js';
import { requireChannel, requireProject } from './lookups.js';
import { selectPackages, type SelectedPackageInput } from './release-packages.js';
import { freezeProcess, isoTime } from './snapshots.js';
import { isValidVersion, nextVersionFromTemplate } from './versioning.js';
import type { Release } from './model.js';
import type { OperationDeps } from './operations.js';

export interface CreateReleaseInput {
  spaceId: string;
  /** Project id or name. */
  projectId: string;
  /** Channel id or name; omitted → the project's default channel. */
  channelId?: string;
  version?: string;
  /** Legacy `SelectedPackages`. */
  selectedPackages?: SelectedPackageInput[];
  /** Executions `Packages` specs (`StepName:Version`, `PackageID:Version`, `StepName:PackageName:Version`). */
  packages?: string[];
  /** One version for every package. */
  packageVersion?: string;
  releaseNotes?: string | null;
  ignoreChannelRules?: boolean;
  ignoreIfAlreadyExists?: boolean;
}

export interface CreateReleaseResult {
  release: Release;
  created: boolean;
}

export function createRelease(deps: OperationDeps, input: CreateReleaseInput): CreateReleaseResult {
  const { store, clock } = deps;
  const project = requireProject(store, input.spaceId, input.projectId);
  const channel = input.channelId === undefined || input.channelId === ''
    ? store.defaultChannel(project.Id) ?? requireChannel(store, project.Id, 'Default')
    : requireChannel(store, project.Id, input.channelId);
  const process = store.getDeploymentProcess(project.DeploymentProcessId);
  if (!process) throw validationFailed([`Project '${project.Name}' has no deployment process.`]);

  const problems: string[] = [];
  if (input.version !== undefined && !isValidVersion(input.version)) {
    problems.push(`The version '${input.version}' is not a valid version number (expected e.g. 1.2.3 or 1.2.3-beta.1).`);
  }
  const { selected, problems: packageProblems } = selectPackages(store, process, {
    ...(input.selectedPackages === undefined ? {} : { selectedPackages: input.selectedPackages }),
    ...(input.packages === undefined ? {} : { packages: input.packages }),
    ...(input.packageVersion === undefined ? {} : { packageVersion: input.packageVersion }),
  });
  problems.push(...packageProblems);
  if (problems.length > 0) throw validationFailed(problems);

  const version = input.version ?? nextVersion(deps, project.Id, project.VersioningStrategy, selected);
  const existing = store.findReleaseByVersion(project.Id, version);
  if (existing) {
    if (input.ignoreIfAlreadyExists === true) return { release: existing, created: false };
    throw conflict(`A release with the version '${version}' already exists for project '${project.Name}'.`);
  }
  const release = store.releases.insert({
    Id: store.nextId('Releases'), SpaceId: project.SpaceId, ProjectId: project.Id, ChannelId: channel.Id, Version: version,
    ReleaseNotes: input.releaseNotes ?? null, Assembled: isoTime(clock.now()), IgnoreChannelRules: input.ignoreChannelRules ?? false,
    ProjectDeploymentProcessSnapshotId: freezeProcess(store, process),
    ProjectVariableSetSnapshotId: `${project.VariableSetId}-s-${store.releases.size}`,
    LibraryVariableSetSnapshotIds: [], SelectedPackages: selected,
  });
  return { release, created: true };
}

function nextVersion(
  deps: OperationDeps,
  projectId: string,
  strategy: { Template: string | null; DonorPackage: { DeploymentAction: string; PackageReference: string } | null },
  selected: { ActionName: string; PackageReferenceName: string; Version: string }[],
): string {
  if (strategy.DonorPackage) {
    const donor = strategy.DonorPackage;
    const pick = selected.find((s) => s.ActionName === donor.DeploymentAction && s.PackageReferenceName === donor.PackageReference);
    if (pick) return pick.Version;
  }
  const last = deps.store.listReleases(projectId)[0]?.Version;
  return nextVersionFromTemplate(strategy.Template ?? '#{Octopus.Version.LastMajor}.#{Octopus.Version.LastMinor}.#{Octopus.Version.NextPatch}', last);
}
