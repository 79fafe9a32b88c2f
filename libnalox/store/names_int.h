/* Internal: the word lists options and files take (names.c), and
 * checking a word against one. */
#ifndef NX_NAMES_INT_H
#define NX_NAMES_INT_H

#include "store/db.h"

/* The NULL-terminated words of a NALOX_NAMES_* list, or NULL. */
NX_HIDDEN const char *const *nx_names(int list);
/* Does `text` name one of the NULL-terminated `words`? */
NX_HIDDEN int nx_oneof(const char *text, const char *const *words);
/* "a, b or c" of a word list, into buf. */
NX_HIDDEN const char *nx_list(const char *const *words, char *buf, size_t size);
/* Edit distance between two words (capped above 64 letters). */
NX_HIDDEN int nx_edit_distance(const char *a, const char *b);
/* How near `word` is to `name`: its edit distance when `name` is a likely
 * typo of it (the rule of nalox_name_suggest), else -1. */
NX_HIDDEN int nx_nearness(const char *name, const char *word);
/* The word of `words` a likely typo of `name` stands for, or NULL. */
NX_HIDDEN const char *nx_nearest(const char *name, const char *const *words);

#endif
