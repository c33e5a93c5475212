/*
 * Identity and durability helpers: stat/lstat with exact dev/ino and ns times, rename refusing to clobber, syncfs,
 * fsync/fdatasync (F_FULLFSYNC on macOS), posix_fadvise(DONTNEED), and errno names as Node spells them.
 */
#include "fc_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void fill_stat(const struct stat *st, int64_t *w) {
  int64_t v[FC_STAT_WORDS] = {(int64_t)st->st_dev, (int64_t)st->st_ino, st->st_mode, (int64_t)st->st_nlink,
                              st->st_uid, st->st_gid, st->st_size, st->st_blocks,
                              fc_ns(FC_ATIM(st)), fc_ns(FC_MTIM(st)), fc_ns(FC_CTIM(st))};
  memcpy(w, v, sizeof v);
}

int fc_stat(const char *path, int follow, int64_t *words) {
  struct stat st;
  if (fstatat(AT_FDCWD, path, &st, follow ? 0 : AT_SYMLINK_NOFOLLOW) != 0) return errno;
  fill_stat(&st, words);
  return 0;
}

int fc_fstat(int fd, int64_t *words) {
  struct stat st;
  if (fstat(fd, &st) != 0) return errno;
  fill_stat(&st, words);
  return 0;
}

void fc_rename_batch(const fc_rename *items, size_t n, int *errs) {
  const char *dir = NULL;
  int fd = -1, dir_err = 0;
  for (size_t i = 0; i < n; i++) {
    const fc_rename *r = &items[i];
    if (!dir || (dir != r->dir && strcmp(dir, r->dir) != 0)) {
      if (fd >= 0) close(fd);
      dir = r->dir;
      fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
      dir_err = fd < 0 ? errno : 0;
    }
    errs[i] = dir_err ? dir_err : renameat(fd, r->from, fd, r->to) == 0 ? 0 : errno;
  }
  if (fd >= 0) close(fd);
}

int fc_rename_noreplace(const char *from, const char *to) {
#if defined(__linux__) && defined(RENAME_NOREPLACE)
  if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0) return 0;
  if (errno != EINVAL) return errno;
#elif defined(__APPLE__)
  return renameatx_np(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCL) == 0 ? 0 : errno;
#endif
  /* No RENAME_NOREPLACE on this filesystem: a hard link refuses to clobber too. */
  if (link(from, to) != 0) return errno;
  return unlink(from) == 0 ? 0 : errno;
}

/* Runs `op` on fd, or on path opened read-only (folders too) when fd < 0. */
static int with_fd(int fd, const char *path, int (*op)(int, int), int arg) {
  if (fd >= 0) return op(fd, arg);
  int own = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (own < 0) return errno;
  int err = op(own, arg);
  close(own);
  return err;
}

static int do_syncfs(int fd, int arg) {
  (void)arg;
#ifdef __linux__
  return syncfs(fd) == 0 ? 0 : errno;
#else
  return fsync(fd) == 0 ? 0 : errno; /* no syncfs: the caller syncs each file instead */
#endif
}

static int do_fsync(int fd, int data_only) {
#ifdef __APPLE__
  (void)data_only;
  /* Plain fsync does not flush the drive's cache on macOS. */
  return fcntl(fd, F_FULLFSYNC) == 0 || fsync(fd) == 0 ? 0 : errno;
#else
  return (data_only ? fdatasync(fd) : fsync(fd)) == 0 ? 0 : errno;
#endif
}

static int do_fadvise(int fd, int arg) {
  (void)arg;
#ifdef POSIX_FADV_DONTNEED
  return posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED); /* returns the error number itself */
#else
  (void)fd;
  return 0;
#endif
}

int fc_syncfs(int fd, const char *path) { return with_fd(fd, path, do_syncfs, 0); }
int fc_fsync(int fd, const char *path, int data_only) { return with_fd(fd, path, do_fsync, data_only); }
int fc_fadvise_dontneed(int fd, const char *path) { return with_fd(fd, path, do_fadvise, 0); }

#define E(name) {name, #name}
static const struct {
  int err;
  const char *name;
} names[] = {
    E(EPERM),  E(ENOENT),  E(ESRCH),  E(EINTR),   E(EIO),     E(ENXIO),   E(E2BIG),        E(EBADF),
    E(EAGAIN), E(ENOMEM),  E(EACCES), E(EFAULT),  E(EBUSY),   E(EEXIST),  E(EXDEV),        E(ENODEV),
    E(ENOTDIR), E(EISDIR), E(EINVAL), E(ENFILE),  E(EMFILE),  E(ETXTBSY), E(EFBIG),        E(ENOSPC),
    E(ESPIPE), E(EROFS),   E(EMLINK), E(EPIPE),   E(ERANGE),  E(ENAMETOOLONG), E(ENOSYS),  E(ENOTEMPTY),
    E(ELOOP),  E(ENOTSUP), E(EDQUOT), E(ESTALE),  E(ENOTTY),  E(ETIMEDOUT), E(ECANCELED),
#ifdef ENODATA
    E(ENODATA),
#endif
#if defined(EOPNOTSUPP) && EOPNOTSUPP != ENOTSUP
    E(EOPNOTSUPP),
#endif
};

const char *fc_errno_name(int err) {
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (names[i].err == err) return names[i].name;
  return NULL;
}
