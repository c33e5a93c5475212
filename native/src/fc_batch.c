/*
 * fc_copy_batch: the per-item sequence for files and symbolic links, relative to the source and destination
 * folders, which stay open across consecutive items of the same folder. Open the source O_NOFOLLOW|O_NONBLOCK,
 * check it is the regular file the walk saw, write a fresh O_EXCL temp, copy data and metadata, optionally sync,
 * then rename. Any failure removes the temp and says which step and path failed.
 */
#include "fc_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>
#ifdef __APPLE__
#include <sys/clonefile.h>
#endif

typedef struct {
  const char *src_path, *dst_path;
  int src_fd, src_err;
  fc_dst_dir dst;
} dir_cache;

static int same_path(const char *cached, const char *path) {
  return cached && (cached == path || strcmp(cached, path) == 0);
}

static int open_dir(const char *path, int flags) {
  int fd = open(path, flags | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  return fd >= 0 ? fd : -errno;
}

static void use_src_dir(dir_cache *c, const char *path) {
  if (same_path(c->src_path, path)) return;
  if (c->src_fd >= 0) close(c->src_fd);
  c->src_path = path;
  c->src_fd = open_dir(path, O_PATH); /* search permission is enough to open entries */
  c->src_err = c->src_fd < 0 ? -c->src_fd : 0;
}

static void use_dst_dir(dir_cache *c, const char *path) {
  if (same_path(c->dst_path, path)) return;
  if (c->dst.fd >= 0) close(c->dst.fd);
  memset(&c->dst, 0, sizeof c->dst);
  c->dst_path = path;
  int fd = open_dir(path, O_RDONLY);
  if (fd == -EACCES) fd = open_dir(path, O_PATH);
  c->dst.fd = fd;
  c->dst.err = fd < 0 ? -fd : 0;
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) return;
  c->dst.dev = (uint64_t)st.st_dev;
  c->dst.setgid = (st.st_mode & S_ISGID) != 0;
#ifdef __linux__
  c->dst.default_acl = fgetxattr(fd, "system.posix_acl_default", NULL, 0) > 0;
#endif
}

static void set_fail(fc_outcome *o, int status, fc_fail f) {
  o->status = status;
  o->err = f.err;
  o->step = f.step;
  o->path = f.path;
}

static int identity_differs(const fc_item *it, const struct stat *st) {
  return (it->flags & FC_ITEM_HAS_IDENTITY) && ((uint64_t)st->st_dev != it->dev || (uint64_t)st->st_ino != it->ino);
}

/* Renames the finished temp; returns the outcome status. */
static int commit(const fc_item *it, int dirfd, fc_outcome *o) {
  if (!it->final_name) return FC_DONE;
  int r;
  if (it->flags & FC_ITEM_RENAME_REPLACE) {
    r = renameat(dirfd, it->temp_name, dirfd, it->final_name);
  } else {
#if defined(__linux__) && defined(RENAME_NOREPLACE)
    r = renameat2(dirfd, it->temp_name, dirfd, it->final_name, RENAME_NOREPLACE);
    if (r != 0 && errno == EINVAL && (r = linkat(dirfd, it->temp_name, dirfd, it->final_name, 0)) == 0)
      unlinkat(dirfd, it->temp_name, 0); /* the filesystem lacks RENAME_NOREPLACE: link refuses to clobber too */
#elif defined(__APPLE__)
    r = renameatx_np(dirfd, it->temp_name, dirfd, it->final_name, RENAME_EXCL);
#else
    r = linkat(dirfd, it->temp_name, dirfd, it->final_name, 0);
    if (r == 0) unlinkat(dirfd, it->temp_name, 0);
#endif
  }
  if (r == 0) return FC_DONE;
  set_fail(o, errno == EEXIST ? FC_EXISTS : FC_FAILED, (fc_fail){errno, FC_STEP_RENAME, FC_PATH_FINAL});
  return o->status;
}

static int sync_file(const fc_job *job, int fd) {
  if (job->sync == FC_SYNC_NONE) return 0;
#ifdef __APPLE__
  if (job->sync == FC_SYNC_FULL && fcntl(fd, F_FULLFSYNC) == 0) return 0;
  return fsync(fd);
#else
  return job->sync == FC_SYNC_DATA ? fdatasync(fd) : fsync(fd);
#endif
}

static void copy_file(const fc_job *job, int umask, dir_cache *dc, const fc_item *it, fc_outcome *o) {
  fc_fail f = {0, 0, 0};
  int out = -1, status = FC_FAILED;
  int in = openat(dc->src_fd, it->src_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (in < 0) {
    /* ELOOP: the name is a symlink now; ENXIO: a socket. Neither is the file the walk saw. */
    set_fail(o, errno == ELOOP || errno == ENXIO ? FC_SOURCE_CHANGED : FC_FAILED,
             (fc_fail){errno, FC_STEP_OPEN_SOURCE, FC_PATH_SOURCE});
    return;
  }
  struct stat st;
  if (fstat(in, &st) != 0) {
    f = (fc_fail){errno, FC_STEP_STAT_SOURCE, FC_PATH_SOURCE};
    goto fail;
  }
  if (!S_ISREG(st.st_mode) || identity_differs(it, &st)) {
    status = FC_SOURCE_CHANGED;
    f = (fc_fail){0, FC_STEP_CHECK_SOURCE, FC_PATH_SOURCE};
    goto fail;
  }
  if ((it->flags & FC_ITEM_HAS_WALK_META) && (st.st_size != it->size || fc_ns(FC_MTIM(&st)) != it->mtime_ns))
    o->flags |= FC_OUT_CHANGED_SINCE_WALK;
  int mode = it->mode >= 0 ? it->mode & 07777 : (int)(st.st_mode & 07777);
  int err = 0;
#ifdef __APPLE__
  /* macOS clones by creating the file (untested here): clonefile first, then an O_EXCL temp and a copy. */
  if (!(fc_memo_get((uint64_t)st.st_dev, dc->dst.dev) & FC_MEMO_NO_CLONE)) {
    if (fclonefileat(in, dc->dst.fd, it->temp_name, CLONE_NOFOLLOW | CLONE_NOOWNERCOPY) == 0) {
      out = openat(dc->dst.fd, it->temp_name, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
      if (out < 0) {
        f = (fc_fail){errno, FC_STEP_CREATE_TEMP, FC_PATH_TEMP};
        unlinkat(dc->dst.fd, it->temp_name, 0);
        goto fail;
      }
      o->flags |= FC_OUT_CLONED;
      o->bytes = st.st_size;
    } else if (errno == ENOTSUP || errno == EXDEV) {
      fc_memo_set((uint64_t)st.st_dev, dc->dst.dev, FC_MEMO_NO_CLONE);
    }
  }
#endif
  if (out < 0) {
    out = openat(dc->dst.fd, it->temp_name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, (mode_t)(mode & 0777));
    if (out < 0) {
      f = (fc_fail){errno, FC_STEP_CREATE_TEMP, FC_PATH_TEMP};
      goto fail;
    }
    err = fc_copy_data(job, in, out, &st, dc->dst.dev, &o->bytes, &o->flags, &f);
  }
  if (err == FC_ECANCELLED || err == FC_ESKIPPED) {
    status = err == FC_ESKIPPED ? FC_SKIPPED : FC_CANCELLED;
    f = (fc_fail){0, FC_STEP_CANCEL, FC_PATH_NONE};
    goto fail;
  }
  if (err) {
    if (f.step == FC_STEP_CHECK_SOURCE) status = FC_SOURCE_CHANGED;
    goto fail;
  }
  if (fc_apply_meta(job, umask, &dc->dst, in, out, &st, mode, &o->flags, &f) != 0) goto fail;
  if (sync_file(job, out) != 0) {
    f = (fc_fail){errno, FC_STEP_SYNC, FC_PATH_TEMP};
    goto fail;
  }
  int closed = close(out);
  out = -1;
  if (closed != 0 && errno != EINTR) {
    f = (fc_fail){errno, FC_STEP_CLOSE, FC_PATH_TEMP};
    goto fail;
  }
  close(in);
  o->status = commit(it, dc->dst.fd, o);
  if (o->status == FC_DONE) return;
  if (o->status == FC_EXISTS && (it->flags & FC_ITEM_KEEP_TEMP_ON_EXISTS)) {
    o->flags |= FC_OUT_TEMP_KEPT;
    return;
  }
  unlinkat(dc->dst.fd, it->temp_name, 0);
  o->bytes = 0;
  return;
fail:
  close(in);
  if (out >= 0) {
    close(out);
    unlinkat(dc->dst.fd, it->temp_name, 0);
  }
  o->bytes = 0;
  set_fail(o, status, f);
}

static void copy_symlink(const fc_job *job, dir_cache *dc, const fc_item *it, fc_outcome *o) {
  struct stat st;
  char target[PATH_MAX + 1];
  if (fstatat(dc->src_fd, it->src_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
    set_fail(o, FC_FAILED, (fc_fail){errno, FC_STEP_STAT_SOURCE, FC_PATH_SOURCE});
    return;
  }
  if (!S_ISLNK(st.st_mode) || identity_differs(it, &st)) {
    set_fail(o, FC_SOURCE_CHANGED, (fc_fail){0, FC_STEP_CHECK_SOURCE, FC_PATH_SOURCE});
    return;
  }
  ssize_t n = readlinkat(dc->src_fd, it->src_name, target, sizeof target);
  if (n < 0 || n == (ssize_t)sizeof target) {
    set_fail(o, FC_FAILED, (fc_fail){n < 0 ? errno : ENAMETOOLONG, FC_STEP_READLINK, FC_PATH_SOURCE});
    return;
  }
  target[n] = 0;
  if (symlinkat(target, dc->dst.fd, it->temp_name) != 0) {
    set_fail(o, FC_FAILED, (fc_fail){errno, FC_STEP_SYMLINK, FC_PATH_TEMP});
    return;
  }
  if ((job->options & FC_OPT_OWNER) && geteuid() == 0)
    (void)!fchownat(dc->dst.fd, it->temp_name, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW);
  struct timespec times[2] = {FC_ATIM(&st), FC_MTIM(&st)};
  /* Some filesystems cannot time a link itself; the link is what matters. */
  (void)!utimensat(dc->dst.fd, it->temp_name, times, AT_SYMLINK_NOFOLLOW);
  o->status = commit(it, dc->dst.fd, o);
  if (o->status == FC_EXISTS && (it->flags & FC_ITEM_KEEP_TEMP_ON_EXISTS)) o->flags |= FC_OUT_TEMP_KEPT;
  else if (o->status != FC_DONE) unlinkat(dc->dst.fd, it->temp_name, 0);
}

static int64_t accounted(const fc_outcome *o, const fc_item *it) {
  switch (o->status) {
  case FC_DONE: return o->bytes;
  case FC_FAILED:
  case FC_SOURCE_CHANGED:
  case FC_EXISTS:
  case FC_SKIPPED: return it->size;
  default: return 0;
  }
}

static uint8_t status_byte(const fc_outcome *o, const fc_item *it) {
  switch (o->status) {
  case FC_DONE: return it->final_name ? FC_ITEM_DONE : FC_ITEM_WRITTEN;
  case FC_FAILED:
  case FC_SOURCE_CHANGED: return FC_ITEM_FAILED;
  case FC_CANCELLED: return FC_ITEM_CANCELLED;
  case FC_SKIPPED: return FC_ITEM_SKIPPED;
  default: return FC_ITEM_PENDING; /* not started, or EXISTS: the caller decides */
  }
}

size_t fc_copy_batch(const fc_job *job, const fc_item *items, size_t n, fc_outcome *out) {
  dir_cache dc = {NULL, NULL, -1, 0, {-1, 0, 0, 0, 0}};
  int umask = job->umask >= 0 ? job->umask : fc_read_umask();
  size_t attempted = 0;
  memset(out, 0, n * sizeof *out);
  for (size_t i = 0; i < n; i++) {
    const fc_item *it = &items[i];
    fc_outcome *o = &out[i];
    int state = fc_checkpoint(job, -1);
    if (state == FC_CANCEL) break; /* the rest stay FC_NOT_STARTED */
    attempted++;
    if (state == FC_SKIP) {
      /* Only with FC_OPT_CALLER_COUNTS: the caller named this item before the call, and its skip came first. */
      o->status = FC_SKIPPED;
      if (job->statuses) __atomic_store_n(&job->statuses[i], FC_ITEM_SKIPPED, __ATOMIC_SEQ_CST);
      continue;
    }
    int counts = !(job->options & FC_OPT_CALLER_COUNTS);
    fc_progress_store(job, FC_SLOT_FILE_BYTES, 0);
    if (counts) fc_progress_store(job, FC_SLOT_FILE, it->id + 1);
    use_src_dir(&dc, it->src_dir);
    use_dst_dir(&dc, it->dst_dir);
    if (dc.src_err) set_fail(o, FC_FAILED, (fc_fail){dc.src_err, FC_STEP_OPEN_SOURCE_DIR, FC_PATH_SOURCE_DIR});
    else if (dc.dst.err) set_fail(o, FC_FAILED, (fc_fail){dc.dst.err, FC_STEP_OPEN_DEST_DIR, FC_PATH_DEST_DIR});
    else if (it->flags & FC_ITEM_SYMLINK) copy_symlink(job, &dc, it, o);
    else copy_file(job, umask, &dc, it, o);
    if (counts) {
      /* Accounted bytes first, then clear the file: a reader sees it counted twice for one sample at worst. */
      fc_progress_add(job, FC_SLOT_DONE_COPIED, o->bytes);
      fc_progress_add(job, FC_SLOT_DONE_ACCOUNTED, accounted(o, it));
    }
    /* After the done words, as the engine's worker loop does; then the file is cleared. */
    if (job->statuses) __atomic_store_n(&job->statuses[i], status_byte(o, it), __ATOMIC_SEQ_CST);
    if (!counts) continue; /* the caller adds the done words, then clears the file (no dip between the two) */
    fc_progress_store(job, FC_SLOT_FILE, 0);
    fc_progress_store(job, FC_SLOT_FILE_BYTES, 0);
  }
  if (dc.src_fd >= 0) close(dc.src_fd);
  if (dc.dst.fd >= 0) close(dc.dst.fd);
  return attempted;
}
