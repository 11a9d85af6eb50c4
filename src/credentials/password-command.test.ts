import { describe, expect, it } from 'vitest';
import { PasswordCommandError, runPasswordCommand } from './password-command.js';

describe('runPasswordCommand', () => {
  it('returns the first line of stdout', async () => {
    expect(await runPasswordCommand("printf 's3cret pass\\nsecond line\\n'")).toBe('s3cret pass');
  });

  it('reports a failing command with its exit code and stderr, without the output', async () => {
    const error = await runPasswordCommand("echo leaked; echo 'gpg: decryption failed' >&2; exit 2").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PasswordCommandError);
    expect((error as Error).message).toBe("the password command exited with 2: echo leaked; echo 'gpg: decryption failed' >&2; exit 2\ngpg: decryption failed");
  });

  it('refuses an empty answer', async () => {
    await expect(runPasswordCommand('true')).rejects.toThrow('the password command printed nothing: true');
  });

  it('gives up after the timeout and kills the command', async () => {
    await expect(runPasswordCommand('sleep 5', 100)).rejects.toThrow('did not finish within 0.1 s');
  });
});
