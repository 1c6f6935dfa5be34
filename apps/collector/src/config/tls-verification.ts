/** Node's switch that turns certificate verification off for every TLS connection of the process. */
export const TLS_OFF_VARIABLE = 'NODE_TLS_REJECT_UNAUTHORIZED';

/**
 * Why the environment is refused when it switches TLS verification off. Node only warns once, on the first
 * connection: the OTLP exporters would then send tokens' and records' data to any certificate. The calls to
 * Microsoft verify always (`@m365-otel/http`), and a private CA is trusted without switching anything off.
 */
export function tlsVerificationProblem(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  // Node disables verification for exactly this value.
  if (env[TLS_OFF_VARIABLE] !== '0') return undefined;
  return `${TLS_OFF_VARIABLE}: set to "0", which turns off TLS certificate verification for every connection; m365-otel does not run so. Unset it, and trust a private CA with tenants[].tls.caFile (Microsoft's side), OTEL_EXPORTER_OTLP_CERTIFICATE (the OTLP backend) or NODE_EXTRA_CA_CERTS`;
}
