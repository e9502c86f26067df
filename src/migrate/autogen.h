/*
 * Autogeneration: a revision written from the difference between the models (src/schema/)
 * and the schema the revisions build. Declared here so that `migrate create` can call it;
 * the implementation comes with the models.
 */
#ifndef WZ_AUTOGEN_H
#define WZ_AUTOGEN_H

#include "core/err.h"

/* Writes a new revision in dir whose body turns the schema of the revisions into the models'
 * schema. *path_out: caller frees; NULL when there was nothing to write (no changes). */
int wz_autogen_create(const char *dir, const char *message, char **path_out, struct wz_err *err);

/* Compares the models with the revisions' schema: 0 when nothing differs, 1 when something
 * does, < 0 on error. *report (caller frees) describes the differences. */
int wz_autogen_check(const char *dir, char **report, struct wz_err *err);

#endif
