// Generates deployment and runbook processes for the fixture: a deterministic mix of package steps
// (`Octopus.TentaclePackage`, role `web`, packages from the built-in feed), script steps on the
// targets and a final script step on the server. GUIDs come from the caller's seeded stream.
import type { RandomStream } from '../../harness/core/random.js';
import type { AcquisitionLocation } from '../engine/types.js';
import type { DeploymentAction, DeploymentStep, PackageReference } from './model.js';

export const TARGET_ROLE = 'web';

const PACKAGE_STEP_NAMES = ['Deploy Web App', 'Deploy Product API', 'Deploy Shopping Cart', 'Deploy Database', 'Deploy Worker Service', 'Deploy Payment Gateway'];
const SCRIPT_STEP_NAMES = ['Run Smoke Tests', 'Warm Up Caches', 'Configure Load Balancer', 'Verify Health Checks'];
const COMPONENTS = ['Web', 'ProductService', 'ShoppingCartService', 'Database', 'Worker', 'PaymentGateway'];

const SCRIPT_BODY = [
  '$ErrorActionPreference = "Stop"',
  'Write-Host "Running #{Octopus.Step.Name} for #{Octopus.Project.Name} in #{Octopus.Environment.Name}"',
  '$url = "#{Project.Web.BaseUrl}/health"',
  'for ($attempt = 1; $attempt -le 5; $attempt++) {',
  '  try {',
  '    $response = Invoke-WebRequest -Uri $url -UseBasicParsing -TimeoutSec 30',
  '    if ($response.StatusCode -eq 200) { Write-Host "Healthy after $attempt attempt(s)"; exit 0 }',
  '  } catch { Write-Warning "Attempt $attempt failed: $($_.Exception.Message)" }',
  '  Start-Sleep -Seconds 5',
  '}',
  'Write-Error "Service did not become healthy"',
].join('\n');

export interface ProcessShape {
  projectCode: string;
  steps: number;
  packagesPerStep: number;
  feedId: string;
  acquisitionLocation: AcquisitionLocation;
  maxParallelism?: number;
}

export const slugify = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

type StepKind = 'package' | 'script' | 'server';

function kindOf(index: number, total: number, packagesPerStep: number): StepKind {
  if (total > 1 && index === total - 1) return 'server';
  if (index % 3 === 2 || packagesPerStep === 0) return 'script';
  return 'package';
}

function uniqueName(list: string[], n: number, fallback: string): string {
  return n < list.length ? list[n]! : `${fallback} ${n + 1}`;
}

function action(guid: RandomStream, name: string, actionType: string, properties: Record<string, string>, packages: PackageReference[]): DeploymentAction {
  return {
    Id: guid.uuid(), Name: name, Slug: slugify(name), ActionType: actionType, IsDisabled: false, IsRequired: false,
    Environments: [], ExcludedEnvironments: [], Channels: [], TenantTags: [], Properties: properties, Packages: packages,
  };
}

/** Steps of a deployment process: package steps, script steps on the targets, and a last step on the server. */
export function buildSteps(guid: RandomStream, shape: ProcessShape): DeploymentStep[] {
  const steps: DeploymentStep[] = [];
  let packageSteps = 0;
  let scriptSteps = 0;
  for (let i = 0; i < shape.steps; i++) {
    const kind = kindOf(i, shape.steps, shape.packagesPerStep);
    const stepId = guid.uuid();
    const name =
      kind === 'package' ? uniqueName(PACKAGE_STEP_NAMES, packageSteps, 'Deploy Component')
      : kind === 'script' ? uniqueName(SCRIPT_STEP_NAMES, scriptSteps, 'Run Script')
      : 'Notify Team';
    const stepProps: Record<string, string> = {};
    if (kind !== 'server') {
      stepProps['Octopus.Action.TargetRoles'] = TARGET_ROLE;
      if (shape.maxParallelism !== undefined) stepProps['Octopus.Action.MaxParallelism'] = String(shape.maxParallelism);
    }
    let act: DeploymentAction;
    if (kind === 'package') {
      const component = uniqueName(COMPONENTS, packageSteps, 'Component');
      const packages: PackageReference[] = [];
      for (let j = 0; j < shape.packagesPerStep; j++) {
        packages.push({
          Id: guid.uuid(), Name: j === 0 ? '' : `Package${j + 1}`,
          PackageId: `${shape.projectCode}.${component.replace(/ /g, '')}${j === 0 ? '' : `.Part${j + 1}`}`,
          FeedId: shape.feedId, AcquisitionLocation: shape.acquisitionLocation, Properties: j === 0 ? {} : { Extract: 'True', SelectionMode: 'immediate' },
        });
      }
      act = action(guid, name, 'Octopus.TentaclePackage', {
        'Octopus.Action.Package.PackageId': packages[0]!.PackageId,
        'Octopus.Action.Package.FeedId': shape.feedId,
        'Octopus.Action.Package.DownloadOnTentacle': shape.acquisitionLocation === 'ExecutionTarget' ? 'True' : 'False',
        'Octopus.Action.EnabledFeatures': 'Octopus.Features.ConfigurationTransforms,Octopus.Features.ConfigurationVariables',
        'Octopus.Action.Package.AutomaticallyRunConfigurationTransformationFiles': 'True',
        'Octopus.Action.Package.AutomaticallyUpdateAppSettingsAndConnectionStrings': 'True',
        'Octopus.Action.Package.CustomInstallationDirectoryShouldBePurgedBeforeDeployment': 'False',
      }, packages);
      packageSteps++;
    } else {
      act = action(guid, name, 'Octopus.Script', {
        'Octopus.Action.RunOnServer': kind === 'server' ? 'true' : 'false',
        'Octopus.Action.Script.ScriptSource': 'Inline',
        'Octopus.Action.Script.Syntax': 'PowerShell',
        'Octopus.Action.Script.ScriptBody': SCRIPT_BODY,
      }, []);
      if (kind === 'script') scriptSteps++;
    }
    steps.push({
      Id: stepId, Name: name, Slug: slugify(name), PackageRequirement: 'LetOctopusDecide', Properties: stepProps,
      Condition: 'Success', StartTrigger: 'StartAfterPrevious', Actions: [act],
    });
  }
  return steps;
}

/** A runbook process: one script step on the targets, the rest on the server. */
export function buildRunbookSteps(guid: RandomStream, runbookName: string, count: number): DeploymentStep[] {
  const steps: DeploymentStep[] = [];
  for (let i = 0; i < count; i++) {
    const onTargets = i === 0;
    const name = onTargets ? `${runbookName} Service` : `${runbookName}: Verify ${i}`;
    const stepId = guid.uuid();
    const act = action(guid, name, 'Octopus.Script', {
      'Octopus.Action.RunOnServer': onTargets ? 'false' : 'true',
      'Octopus.Action.Script.ScriptSource': 'Inline',
      'Octopus.Action.Script.Syntax': 'PowerShell',
      'Octopus.Action.Script.ScriptBody': SCRIPT_BODY,
    }, []);
    steps.push({
      Id: stepId, Name: name, Slug: slugify(name), PackageRequirement: 'LetOctopusDecide',
      Properties: onTargets ? { 'Octopus.Action.TargetRoles': TARGET_ROLE } : {},
      Condition: 'Success', StartTrigger: 'StartAfterPrevious', Actions: [act],
    });
  }
  return steps;
}
