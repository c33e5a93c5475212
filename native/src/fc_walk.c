/*
 * The walker's step: read one folder through its descriptor (fdopendir/readdir) and lstat each entry relative to it
 * (fstatat AT_SYMLINK_NOFOLLOW), returning names as raw bytes plus exact 64-bit fields. The caller walks
 * breadth-first by reading the FC_KIND_DIR entries it gets back.
 */
#include "fc_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int grow(void **p, size_t *cap, size_t need, size_t unit) {
  if (need <= *cap) return 0;
  size_t next = *cap ? *cap * 2 : 64;
  while (next < need) next *= 2;
  void *bigger = realloc(*p, next * unit);
  if (!bigger) return ENOMEM;
  *p = bigger;
  *cap = next;
  return 0;
}

static int64_t kind_of(mode_t mode) {
  if (S_ISREG(mode)) return FC_KIND_FILE;
  if (S_ISDIR(mode)) return FC_KIND_DIR;
  if (S_ISLNK(mode)) return FC_KIND_SYMLINK;
  return FC_KIND_OTHER;
}

int fc_read_dir(const char *path, fc_dir *out) {
  memset(out, 0, sizeof *out);
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return out->err = errno;
  DIR *d = fdopendir(fd);
  if (!d) {
    out->err = errno;
    close(fd);
    return out->err;
  }
  size_t names_cap = 0, fields_cap = 0;
  for (;;) {
    errno = 0;
    struct dirent *e = readdir(d);
    if (!e) {
      out->err = errno; /* 0 at the end */
      break;
    }
    const char *name = e->d_name;
    if (name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))) continue;
    struct stat st;
    if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      out->failed_entries++; /* gone since readdir */
      continue;
    }
    size_t len = strlen(name);
    if (grow((void **)&out->names, &names_cap, out->names_len + len, 1) ||
        grow((void **)&out->fields, &fields_cap, (out->count + 1) * FC_WALK_WORDS, sizeof(int64_t))) {
      out->err = ENOMEM;
      break;
    }
    int64_t *w = out->fields + out->count * FC_WALK_WORDS;
    w[FC_WALK_NAME_OFF] = (int64_t)out->names_len;
    w[FC_WALK_NAME_LEN] = (int64_t)len;
    w[FC_WALK_KIND] = kind_of(st.st_mode);
    w[FC_WALK_MODE] = st.st_mode;
    w[FC_WALK_SIZE] = st.st_size;
    w[FC_WALK_DEV] = (int64_t)st.st_dev;
    w[FC_WALK_INO] = (int64_t)st.st_ino;
    w[FC_WALK_NLINK] = (int64_t)st.st_nlink;
    w[FC_WALK_BLOCKS] = st.st_blocks;
    w[FC_WALK_ATIME_NS] = fc_ns(FC_ATIM(&st));
    w[FC_WALK_MTIME_NS] = fc_ns(FC_MTIM(&st));
    memcpy(out->names + out->names_len, name, len);
    out->names_len += len;
    out->count++;
  }
  closedir(d);
  return out->err;
}

void fc_free_dir(fc_dir *dir) {
  free(dir->names);
  free(dir->fields);
  dir->names = NULL;
  dir->fields = NULL;
}
