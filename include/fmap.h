/* A regular file mapped into memory to be read once, instead of copied
 * into fresh memory: reading a 2 MB document with read() costs ~500 page
 * faults that the mapping (of pages the kernel already holds) does not.
 * One file at a time. A file that shrinks while mapped does not kill
 * hyoka with SIGBUS: its missing pages read as zeros and fmap_close says
 * so. */
#ifndef HYOKA_FMAP_H
#define HYOKA_FMAP_H

#include <stdbool.h>
#include <stddef.h>

const char *fmap_open(int fd, size_t len);
bool fmap_owns(const char *p);
bool fmap_close(const char *p);

#endif
