import { describe, expect, it } from 'vitest';
import { installLine, optionalPackage } from '../../src/adapters/optionalPackage.js';
import { UsageError } from '../../src/case/errors.js';
import { PACKAGE } from '../../src/version.js';

describe('optional peer dependencies (CLI-PEER)', () => {
  it('should import an installed package', async () => {
    const commander = await optionalPackage<{ Command: unknown }>('commander', 'the test');
    expect(typeof commander.Command).toBe('function');
  });

  it('should end a missing one with a UsageError naming the package and its install line', async () => {
    const attempt = optionalPackage('losscheck-no-such-package', '--impl nothing');
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toThrow(
      '--impl nothing needs losscheck-no-such-package, an optional peer dependency that is not installed: npm install losscheck-no-such-package',
    );
  });

  it('should install a declared optional peer at the range package.json gives it', () => {
    expect(PACKAGE.peerDependencies?.['onnxruntime-node']).toMatch(/^\^1\./);
    expect(installLine('onnxruntime-node')).toBe(
      `npm install onnxruntime-node@${PACKAGE.peerDependencies!['onnxruntime-node']}`,
    );
  });
});
