// The app's version, shown by `clinic-recall --version` and the session; its own module so the CLI
// can print it without loading the services.
export const appVersion = '0.1.0'
