/** The environment variables through which scripts/test.sh hands Helm and the strict decoder to the tests. */
export const helmBinaryVariable = 'M365_HELM_BIN';
export const kubeValidateBinaryVariable = 'M365_KUBE_VALIDATE_BIN';

const howTo: Record<string, string> = {
  [helmBinaryVariable]: '`bash scripts/install-helm.sh`',
  [kubeValidateBinaryVariable]: '`bash scripts/build-go-tool.sh tooling/kube m365-kube-validate`',
};

/**
 * The path a build script printed, from the environment. A test that needs the tool fails without it rather than
 * skip, so a run that lost the tool cannot pass unnoticed.
 */
export function toolBinary(variable: string, env: NodeJS.ProcessEnv = process.env): string {
  const path = env[variable];
  if (!path) {
    throw new Error(
      `${variable} is not set: build it with ${howTo[variable] ?? 'its script'} and set ${variable} to the path ` +
        'it prints last (scripts/test.sh does both)',
    );
  }
  return path;
}
