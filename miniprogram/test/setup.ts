export {};

// Build-time constants Taro's H5 components expect the bundler to define.
Object.assign(globalThis, { DEPRECATED_ADAPTER_COMPONENT: false });
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';

// NutUI's dialog animates with react-transition-group, which React 18 warns about on every open;
// the warning is the library's, not ours, and would bury real errors in the output.
const reportError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('findDOMNode is deprecated')) return;
  reportError(...args);
};
