/*
 * Metadata of a new file, in the order coreutils uses: owner (root only; chown clears set-id bits), xattrs and
 * POSIX ACLs (Linux: system.posix_acl_access is an xattr), mode (only when creation could not give it), then the
 * access and modification times to the nanosecond with futimens.
 */
#include "fc_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>

#ifdef __APPLE__
#define LIST(fd, buf, n) flistxattr(fd, buf, n, 0)
#define GET(fd, name, buf, n) fgetxattr(fd, name, buf, n, 0, 0)
#define SET(fd, name, buf, n) fsetxattr(fd, name, buf, n, 0, 0)
#define ACL_NAME "com.apple.acl.text" /* not an xattr on macOS; kept for the flag logic only */
#else
#define LIST(fd, buf, n) flistxattr(fd, buf, n)
#define GET(fd, name, buf, n) fgetxattr(fd, name, buf, n)
#define SET(fd, name, buf, n) fsetxattr(fd, name, buf, n, 0)
#define ACL_NAME "system.posix_acl_access"
#endif

#ifndef ENOATTR
#define ENOATTR ENODATA
#endif

static int fail_with(fc_fail *fail, int err, int step, int path) {
  fail->err = err;
  fail->step = step;
  fail->path = path;
  return err;
}

/* Reads an xattr list or value into *buf (growing it from the stack buffer `local`). Returns its size or -1. */
static ssize_t read_grow(int fd, const char *name, char **buf, size_t *cap, char *local) {
  for (;;) {
    ssize_t n = name ? GET(fd, name, *buf, *cap) : LIST(fd, *buf, *cap);
    if (n >= 0 || errno != ERANGE) return n;
    ssize_t need = name ? GET(fd, name, NULL, 0) : LIST(fd, NULL, 0);
    if (need < 0) return -1;
    char *bigger = malloc((size_t)need + 1);
    if (!bigger) return -1;
    if (*buf != local) free(*buf);
    *buf = bigger;
    *cap = (size_t)need + 1;
  }
}

static int copy_xattrs(int in, int out, uint32_t *flags, fc_fail *fail) {
  char names_local[1024], value_local[4096];
  char *names = names_local, *value = value_local;
  size_t names_cap = sizeof names_local, value_cap = sizeof value_local;
  int err = 0;
  ssize_t len = read_grow(in, NULL, &names, &names_cap, names_local);
  if (len < 0) {
    /* A source filesystem without xattrs has none to copy. */
    if (errno != ENOTSUP && errno != EOPNOTSUPP) err = fail_with(fail, errno, FC_STEP_XATTR, FC_PATH_SOURCE);
    len = 0;
  }
  for (ssize_t at = 0; at < len && !err; at += (ssize_t)strlen(names + at) + 1) {
    const char *name = names + at;
    ssize_t n = read_grow(in, name, &value, &value_cap, value_local);
    if (n < 0 && errno == ENOATTR) continue; /* removed since the list was read */
    if (n < 0 && (errno == EPERM || errno == EACCES)) {
      *flags |= FC_OUT_XATTR_DENIED;
      continue;
    }
    if (n < 0) {
      err = fail_with(fail, errno, FC_STEP_XATTR, FC_PATH_SOURCE);
      break;
    }
    if (SET(out, name, value, (size_t)n) == 0) continue;
    if (errno == ENOTSUP || errno == EOPNOTSUPP)
      *flags |= strcmp(name, ACL_NAME) == 0 ? FC_OUT_ACL_UNSUPPORTED : FC_OUT_XATTR_UNSUPPORTED;
    else if (errno == EPERM || errno == EACCES)
      *flags |= FC_OUT_XATTR_DENIED;
    else
      err = fail_with(fail, errno, FC_STEP_XATTR, FC_PATH_TEMP);
  }
  if (names != names_local) free(names);
  if (value != value_local) free(value);
  return err;
}

int fc_apply_meta(const fc_job *job, int umask, const fc_dst_dir *dir, int in, int out, const struct stat *st,
                  int mode, uint32_t *flags, fc_fail *fail) {
  if ((job->options & FC_OPT_OWNER) && geteuid() == 0 &&
      (st->st_uid != geteuid() || st->st_gid != getegid() || dir->setgid)) {
    if (fchown(out, st->st_uid, st->st_gid) != 0) {
      if (errno != EPERM && errno != EINVAL) return fail_with(fail, errno, FC_STEP_OWNER, FC_PATH_TEMP);
      *flags |= FC_OUT_OWNER_DENIED;
    }
  }
  if (job->options & FC_OPT_XATTRS) {
    int err = copy_xattrs(in, out, flags, fail);
    if (err) return err;
  }
  /* Created with mode & 0777 minus the umask (or the folder's default ACL): fix it only when that differs. */
  if ((mode & umask) != 0 || (mode & ~0777) != 0 || dir->default_acl) {
    if (fchmod(out, (mode_t)mode) != 0) return fail_with(fail, errno, FC_STEP_MODE, FC_PATH_TEMP);
  }
  struct timespec times[2] = {FC_ATIM(st), FC_MTIM(st)};
  if (futimens(out, times) != 0) return fail_with(fail, errno, FC_STEP_TIMES, FC_PATH_TEMP);
  return 0;
}

int fc_read_umask(void) {
  int mask = 022;
  FILE *f = fopen("/proc/self/status", "re");
  if (!f) return mask;
  char line[256];
  while (fgets(line, sizeof line, f))
    if (strncmp(line, "Umask:", 6) == 0) {
      mask = (int)strtol(line + 6, NULL, 8);
      break;
    }
  fclose(f);
  return mask;
}
