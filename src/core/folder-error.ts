/** Why a folder could not be made, in words (Node's own message names the system call). */
export function folderError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EEXIST':
    case 'ENOTDIR':
      return 'a file of that name is in the way';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return err.message;
  }
}
