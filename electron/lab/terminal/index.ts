export { TerminalHub, type TerminalHubOptions, type TerminalListener, type SubscribeOptions } from './terminal-hub';
export type { TerminalSource } from './terminal-source';
export { plainText } from './plain-text';
