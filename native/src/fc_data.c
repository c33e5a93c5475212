/*
 * The data step of one file: clone first (FICLONE), then copy_file_range in chunks, then pread/pwrite through the
 * thread's buffer; holes of sparse files are kept with SEEK_DATA/SEEK_HOLE. Large files report progress and obey
 * the control word between chunks. What a (source dev, destination dev) pair cannot do is remembered.
 */
#include "fc_internal.h"

#include <errno.h>
#include <unistd.h>
#ifdef __linux__
#include <linux/fs.h>
#include <sys/ioctl.h>
#endif

typedef struct {
  const fc_job *job;
  int in, out;
  uint64_t src_dev, dst_dev;
  int64_t size;
  size_t chunk;
  uint32_t *flags;
  fc_fail *fail;
} copier;

static int failed(copier *c, int err, int step, int path) {
  c->fail->err = err;
  c->fail->step = step;
  c->fail->path = path;
  return err;
}

static int unsupported(int err) {
  return err == EOPNOTSUPP || err == ENOTSUP || err == ENOTTY || err == EXDEV || err == EINVAL ||
         err == ENOSYS || err == EBADF;
}

static int pwrite_all(copier *c, const char *buf, size_t n, int64_t at) {
  size_t done = 0;
  while (done < n) {
    ssize_t w = pwrite(c->out, buf + done, n - done, (off_t)(at + (int64_t)done));
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) return failed(c, errno, FC_STEP_WRITE, FC_PATH_TEMP);
    done += (size_t)w;
  }
  return 0;
}

/* Copies [*pos, end) by read/write; end < 0 means "until end of file" (st_size 0 files such as /proc). */
static int copy_rw(copier *c, int64_t *pos, int64_t end, int progress) {
  char *buf = fc_thread_buffer(c->chunk);
  if (!buf) return failed(c, ENOMEM, FC_STEP_READ, FC_PATH_SOURCE);
  while (end < 0 || *pos < end) {
    size_t want = end < 0 || (int64_t)c->chunk < end - *pos ? c->chunk : (size_t)(end - *pos);
    ssize_t n = pread(c->in, buf, want, (off_t)*pos);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return failed(c, errno, FC_STEP_READ, FC_PATH_SOURCE);
    if (n == 0) break;
    int err = pwrite_all(c, buf, (size_t)n, *pos);
    if (err) return err;
    *pos += n;
    if (progress) {
      int state = fc_checkpoint(c->job, *pos);
      if (state != FC_RUN) return state == FC_SKIP ? FC_ESKIPPED : FC_ECANCELLED;
    }
  }
  return 0;
}

/* Copies [*pos, end) in the kernel; falls back to read/write where the pair cannot (remembered). */
static int copy_range(copier *c, int64_t *pos, int64_t end) {
#ifdef __linux__
  if (!(fc_memo_get(c->src_dev, c->dst_dev) & FC_MEMO_NO_OFFLOAD)) {
    while (*pos < end) {
      size_t want = (int64_t)c->chunk < end - *pos ? c->chunk : (size_t)(end - *pos);
      off_t off_in = (off_t)*pos, off_out = (off_t)*pos;
      ssize_t n = copy_file_range(c->in, &off_in, c->out, &off_out, want, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == ENOSPC || errno == EDQUOT || errno == EFBIG))
        return failed(c, errno, FC_STEP_WRITE, FC_PATH_TEMP);
      if (n < 0) {
        /* Unsupported for this pair: remember it. Anything else: read/write will name the failing side. */
        if (unsupported(errno)) fc_memo_set(c->src_dev, c->dst_dev, FC_MEMO_NO_OFFLOAD);
        break;
      }
      if (n == 0) return 0; /* end of file before `end`: the caller notices the short copy */
      *c->flags |= FC_OUT_OFFLOADED;
      *pos += n;
      int state = fc_checkpoint(c->job, *pos);
      if (state != FC_RUN) return state == FC_SKIP ? FC_ESKIPPED : FC_ECANCELLED;
    }
    if (*pos >= end) return 0;
  }
#endif
  return copy_rw(c, pos, end, 1);
}

/* Sparse file: only the data segments are copied, then the size is set. Returns 1 when SEEK_DATA is unsupported. */
static int copy_sparse(copier *c, int64_t *pos) {
#ifdef SEEK_DATA
  while (*pos < c->size) {
    off_t data = lseek(c->in, (off_t)*pos, SEEK_DATA);
    if (data < 0 && errno == ENXIO) break; /* a hole up to the end */
    if (data < 0 && *pos == 0 && unsupported(errno)) return 1;
    if (data < 0) return failed(c, errno, FC_STEP_READ, FC_PATH_SOURCE);
    off_t hole = lseek(c->in, data, SEEK_HOLE);
    if (hole < 0) return failed(c, errno, FC_STEP_READ, FC_PATH_SOURCE);
    if (hole > c->size) hole = (off_t)c->size;
    *pos = data;
    int err = copy_range(c, pos, hole);
    if (err) return err;
    if (*pos < hole) break; /* shrank while copied */
  }
  *pos = c->size;
  if (ftruncate(c->out, (off_t)c->size) != 0) return failed(c, errno, FC_STEP_TRUNCATE, FC_PATH_TEMP);
  *c->flags |= FC_OUT_SPARSE;
  fc_checkpoint(c->job, *pos);
  return 0;
#else
  (void)c;
  (void)pos;
  return 1;
#endif
}

static int try_clone(copier *c) {
#if defined(__linux__) && defined(FICLONE)
  if (fc_memo_get(c->src_dev, c->dst_dev) & FC_MEMO_NO_CLONE) return 0;
  if (ioctl(c->out, FICLONE, c->in) == 0) return 1;
  if (unsupported(errno)) fc_memo_set(c->src_dev, c->dst_dev, FC_MEMO_NO_CLONE);
#else
  (void)c;
#endif
  return 0;
}

int fc_copy_data(const fc_job *job, int in, int out, const struct stat *st, uint64_t dst_dev, int64_t *bytes,
                 uint32_t *flags, fc_fail *fail) {
  copier c = {job, in, out, (uint64_t)st->st_dev, dst_dev, (int64_t)st->st_size,
              job->chunk_size ? job->chunk_size : (1 << 20), flags, fail};
  int64_t pos = 0;
  int err = 0;
  *bytes = 0;
  if (c.size > 0 && try_clone(&c)) {
    *flags |= FC_OUT_CLONED;
    *bytes = c.size;
    fc_progress_store(job, FC_SLOT_FILE_BYTES, c.size);
    return 0;
  }
  if (c.size == 0) {
    /* Empty, or a pseudo-file (/proc) that reports 0: read until end of file. */
    err = copy_rw(&c, &pos, -1, 1);
    *bytes = pos;
    return err;
  }
  if (c.size <= FC_SMALL_FILE && (int64_t)st->st_blocks * 512 >= c.size) {
    /* One read asking for a spare byte proves the size; no progress or control check inside a small file. */
    char *buf = fc_thread_buffer(c.chunk > FC_SMALL_FILE + 1 ? c.chunk : FC_SMALL_FILE + 1);
    if (!buf) return failed(&c, ENOMEM, FC_STEP_READ, FC_PATH_SOURCE);
    ssize_t n;
    do n = pread(in, buf, (size_t)c.size + 1, 0);
    while (n < 0 && errno == EINTR);
    if (n < 0) return failed(&c, errno, FC_STEP_READ, FC_PATH_SOURCE);
    if (n != c.size) return failed(&c, EAGAIN, FC_STEP_CHECK_SOURCE, FC_PATH_SOURCE);
    err = pwrite_all(&c, buf, (size_t)n, 0);
    *bytes = err ? 0 : n;
    if (!err) fc_throttle(job, n); /* a stop asked meanwhile is seen before the next item */
    return err;
  }
  if ((int64_t)st->st_blocks * 512 < c.size) {
    err = copy_sparse(&c, &pos);
    if (err != 1) goto done;
    pos = 0;
  }
  err = copy_range(&c, &pos, c.size);
done:
  if (err) return err;
  /* Changed while copied: a different size or mtime now, or the file ended early. */
  struct stat after;
  if (fstat(in, &after) != 0) return failed(&c, errno, FC_STEP_STAT_SOURCE, FC_PATH_SOURCE);
  if (pos != c.size || after.st_size != st->st_size || fc_ns(FC_MTIM(&after)) != fc_ns(FC_MTIM(st)))
    return failed(&c, EAGAIN, FC_STEP_CHECK_SOURCE, FC_PATH_SOURCE);
  *bytes = pos;
  return 0;
}
