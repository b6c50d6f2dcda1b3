/** The setup file, and the nginx/HAProxy/compose exports and nginx import over it: pure functions, no I/O. */
export { labSetupSchema, SETUP_VERSION, NEXT_UPSTREAM_CONDITIONS } from './setup-schema';
export type { LabSetup, ProxySetup, BackendSetup, HealthSetup, FaultSetup, NextUpstreamCondition } from './setup-schema';
export { parseSetup, parseSetupJson, type SetupError, type SetupResult } from './parse-setup';
export { setupJsonSchema, SETUP_JSON_SCHEMA_PATH } from './setup-json-schema';
export { setupFromSnapshot, type SetupExtras } from './setup-from-snapshot';
export { exportNginx, UPSTREAM_NAME, type NginxExportOptions, type ServerAddress } from './export-nginx';
export { exportHaproxy, type HaproxyExportOptions } from './export-haproxy';
export { exportCompose, COMPOSE_PROJECT, type ExportedFile } from './export-compose';
export { importNginx, type NginxImport, type NginxImportError, type NginxImportOptions, type NginxImportResult, type ServerMapping } from './import-nginx';
