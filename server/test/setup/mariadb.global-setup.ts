import { dropStaleTestDatabases } from './test-database';

export default function globalSetup(): Promise<void> {
  return dropStaleTestDatabases();
}
