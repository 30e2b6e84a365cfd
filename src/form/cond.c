#include <config.h>
#include "cond.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "fdef.h"
#include "i18n.h"
#include "xalloc.h"

/* Bounds that keep a hostile form definition cheap: the longest condition
 * of the real form is under 500 bytes and nests 4 levels. */
#define COND_MAX_TEXT  4096
#define COND_MAX_DEPTH 64

struct cond_parser {
	const char *text;
	const char *p;
	const struct fdef_node *scope;
	const struct cond_source *src;
	struct diag_list *diags;
	bool failed;
	int depth;      /* nesting of (, !, any() and all() */
	const char *at; /* where line and col were last computed */
	int line, col;  /* position of at */
};

/* Compute the line and column of the parser's position, moving forward
 * from the last one computed, so that a condition is scanned once. */
static void
cond_where(struct cond_parser *cp, int *line, int *col)
{
	if (cp->at > cp->p) {
		cp->at = cp->text;
		cp->line = cp->src->line;
		cp->col = cp->src->col;
	}
	for (; cp->at < cp->p; cp->at++) {
		if (*cp->at == '\n') {
			cp->line++;
			cp->col = cp->src->col;
		} else if ((*cp->at & 0xC0) != 0x80) {
			cp->col++;
		}
	}
	*line = cp->line;
	*col = cp->col;
}

/* Report a parse or type error at the parser's position (or at node c). */
static void
cond_error(struct cond_parser *cp, const struct cond *c, const char *msg)
{
	int line, col;

	if (c != NULL) {
		line = c->line;
		col = c->col;
	} else {
		cond_where(cp, &line, &col);
	}
	if (!cp->failed)
		diag_add(cp->diags, DIAG_ERROR, cp->src->file, line, col,
		         _("in condition \"%s\": %s"), cp->text, msg);
	cp->failed = true;
}

/* Make a node at the parser's current position; caller owns it. */
static struct cond *
cond_new(struct cond_parser *cp, enum cond_op op)
{
	struct cond *c = xcalloc(1, sizeof *c);

	c->op = op;
	cond_where(cp, &c->line, &c->col);
	return c;
}

/* Enter one level of nesting; false (with a diagnostic) past the limit. */
static bool
cond_enter(struct cond_parser *cp)
{
	if (++cp->depth <= COND_MAX_DEPTH)
		return true;
	{
		char *msg = xasprintf(
		        _("the condition nests more than %d levels deep; simplify it"),
		        COND_MAX_DEPTH);

		cond_error(cp, NULL, msg);
		free(msg);
	}
	return false;
}

/* Free an expression tree and null the pointer. */
void
cond_free(struct cond **cp)
{
	struct cond *c = cp ? *cp : NULL;

	if (c == NULL)
		return;
	cond_free(&c->a);
	cond_free(&c->b);
	free(c->str);
	free(c);
	*cp = NULL;
}

/* Skip white space. */
static void
cond_skip(struct cond_parser *cp)
{
	while (*cp->p == ' ' || *cp->p == '\t' || *cp->p == '\n' ||
	       *cp->p == '\r')
		cp->p++;
}

/* Consume the token tok if it comes next. */
static bool
cond_accept(struct cond_parser *cp, const char *tok)
{
	size_t n = strlen(tok);

	cond_skip(cp);
	if (strncmp(cp->p, tok, n) != 0)
		return false;
	if (isalpha((unsigned char)tok[0]) &&
	    (isalnum((unsigned char)cp->p[n]) || cp->p[n] == '_'))
		return false;
	cp->p += n;
	return true;
}

/* Require the token tok. */
static bool
cond_expect(struct cond_parser *cp, const char *tok)
{
	if (cond_accept(cp, tok))
		return true;
	{
		char *msg = xasprintf(_("expected \"%s\""), tok);

		cond_error(cp, NULL, msg);
		free(msg);
	}
	return false;
}

static struct cond *cond_parse_or(struct cond_parser *cp);

/* Map an item's type to the value type seen by expressions. */
static enum cond_vtype
cond_node_vtype(const struct fdef_node *n)
{
	if (n->kind != FDEF_ITEM)
		return CONDV_LIST;
	switch (fdef_types[n->type].shape) {
	case FS_LIST:
		return CONDV_SET;
	case FS_BOOL:
		return CONDV_BOOL;
	case FS_NUMBER:
		return CONDV_NUM;
	case FS_ROWS:
		return CONDV_LIST;
	default:
		return CONDV_STR;
	}
}

/* Parse a dotted path and resolve it relative to the current scope. */
static struct cond *
cond_parse_path(struct cond_parser *cp)
{
	const char *start;
	struct cond *c;

	cond_skip(cp);
	c = cond_new(cp, COND_PATH);
	start = cp->p;
	while (isalnum((unsigned char)*cp->p) || *cp->p == '_' || *cp->p == '.')
		cp->p++;
	c->str = xstrndup(start, (size_t)(cp->p - start));
	if (c->str[0] == '\0' || !isalpha((unsigned char)c->str[0])) {
		cond_error(cp, c, _("expected an item name"));
		return c;
	}
	c->node = cp->src->resolve(cp->src->ctx, cp->scope, c->str);
	if (c->node == NULL) {
		char *msg = xasprintf(_("unknown item \"%s\""), c->str);

		cond_error(cp, c, msg);
		free(msg);
		return c;
	}
	c->type = cond_node_vtype(c->node);
	return c;
}

/* Parse a double-quoted string literal. */
static struct cond *
cond_parse_string(struct cond_parser *cp)
{
	struct cond *c = cond_new(cp, COND_STR);
	const char *start;

	cp->p++;
	start = cp->p;
	while (*cp->p != '\0' && *cp->p != '"')
		cp->p++;
	c->str = xstrndup(start, (size_t)(cp->p - start));
	c->type = CONDV_STR;
	if (*cp->p == '"')
		cp->p++;
	else
		cond_error(cp, c, _("unterminated string"));
	return c;
}

/* Parse a function call whose name has been consumed. */
static struct cond *
cond_parse_call(struct cond_parser *cp, enum cond_op op, const char *name)
{
	struct cond *c = cond_new(cp, op);
	const struct fdef_node *saved = cp->scope;

	if (!cond_expect(cp, "("))
		return c;
	c->a = cond_parse_path(cp);
	if (cp->failed)
		return c;
	switch (op) {
	case COND_HAS:
		c->type = CONDV_BOOL;
		if (c->a->type != CONDV_SET) {
			char *msg = xasprintf(
			        _("%s() needs a checkbox item, but \"%s\" is not one"),
			        name, c->a->str);

			cond_error(cp, c->a, msg);
			free(msg);
			return c;
		}
		if (!cond_expect(cp, ","))
			return c;
		cond_skip(cp);
		if (*cp->p != '"') {
			cond_error(cp, NULL,
			           _("expected a member label in quotes"));
			return c;
		}
		c->b = cond_parse_string(cp);
		if (!cp->failed &&
		    fdef_member_index(c->a->node, c->b->str, (size_t)-1) < 0) {
			char *msg =
			        xasprintf(_("\"%s\" is not a member of \"%s\""),
			                  c->b->str, c->a->str);

			cond_error(cp, c->b, msg);
			free(msg);
		}
		break;
	case COND_EMPTY:
	case COND_FILLED:
		c->type = CONDV_BOOL;
		break;
	case COND_RANK:
		c->type = CONDV_NUM;
		if (c->a->node->type != FT_CHOICE) {
			cond_error(cp, c->a, _("rank() needs a choice item"));
			return c;
		}
		break;
	case COND_COUNT:
		c->type = CONDV_NUM;
		if (c->a->node->kind != FDEF_REPEAT &&
		    c->a->node->type != FT_TABLE &&
		    c->a->node->type != FT_MULTI) {
			cond_error(
			        cp, c->a,
			        _("count() needs a repeat block, a table or a checkbox item"));
			return c;
		}
		break;
	case COND_ANY:
	case COND_ALL:
		c->type = CONDV_BOOL;
		if (c->a->node->kind != FDEF_REPEAT) {
			char *msg = xasprintf(
			        _("%s() needs a repeat block, but \"%s\" is not one"),
			        name, c->a->str);

			cond_error(cp, c->a, msg);
			free(msg);
			return c;
		}
		if (!cond_expect(cp, ","))
			return c;
		cp->scope = c->a->node->nkids > 0 ? c->a->node->kids[0]
		                                  : c->a->node;
		if (!cond_enter(cp))
			return c;
		c->b = cond_parse_or(cp);
		cp->depth--;
		cp->scope = saved;
		if (!cp->failed && c->b->type != CONDV_BOOL)
			cond_error(cp, c->b,
			           _("expected a true/false condition"));
		break;
	default:
		break;
	}
	if (!cp->failed)
		cond_expect(cp, ")");
	return c;
}

/* Parse a primary expression. */
static struct cond *
cond_parse_primary(struct cond_parser *cp)
{
	static const struct {
		const char *name;
		enum cond_op op;
	} calls[] = {
	        {"has", COND_HAS},       {"empty", COND_EMPTY},
	        {"filled", COND_FILLED}, {"count", COND_COUNT},
	        {"any", COND_ANY},       {"all", COND_ALL},
	        {"rank", COND_RANK},
	};
	struct cond *c;

	cond_skip(cp);
	if (*cp->p == '(') {
		cp->p++;
		if (!cond_enter(cp))
			return cond_new(cp, COND_BOOL);
		c = cond_parse_or(cp);
		cp->depth--;
		if (!cp->failed)
			cond_expect(cp, ")");
		return c;
	}
	if (*cp->p == '"')
		return cond_parse_string(cp);
	if (isdigit((unsigned char)*cp->p)) {
		c = cond_new(cp, COND_NUM);
		c->num = strtol(cp->p, (char **)&cp->p, 10);
		c->type = CONDV_NUM;
		return c;
	}
	if (cond_accept(cp, "true") || cond_accept(cp, "false")) {
		c = cond_new(cp, COND_BOOL);
		c->num = cp->p[-1] == 'e' && cp->p[-2] == 'u';
		c->type = CONDV_BOOL;
		return c;
	}
	for (size_t i = 0; i < sizeof calls / sizeof calls[0]; i++) {
		const char *save = cp->p;

		if (cond_accept(cp, calls[i].name)) {
			cond_skip(cp);
			if (*cp->p == '(')
				return cond_parse_call(cp, calls[i].op,
				                       calls[i].name);
			cp->p = save;
		}
	}
	if (isalpha((unsigned char)*cp->p))
		return cond_parse_path(cp);
	c = cond_new(cp, COND_BOOL);
	cond_error(cp, NULL,
	           *cp->p ? _("unexpected character")
	                  : _("unexpected end of condition"));
	return c;
}

/* Check the operand types of a comparison. */
static void
cond_check_compare(struct cond_parser *cp, struct cond *c)
{
	struct cond *path = c->a->op == COND_PATH ? c->a : c->b;
	struct cond *lit = path == c->a ? c->b : c->a;

	if (c->a->type != c->b->type || c->a->type == CONDV_SET ||
	    c->a->type == CONDV_LIST) {
		cond_error(
		        cp, c,
		        _("the two sides of this comparison have different types"));
		return;
	}
	if (c->op != COND_EQ && c->op != COND_NE && c->a->type != CONDV_NUM) {
		cond_error(cp, c, _("< <= > >= compare numbers only"));
		return;
	}
	if (path->op == COND_PATH && lit->op == COND_STR &&
	    path->node->type == FT_CHOICE &&
	    fdef_option_index(path->node, lit->str) < 0) {
		char *msg = xasprintf(_("\"%s\" is not an option of \"%s\""),
		                      lit->str, path->str);

		cond_error(cp, lit, msg);
		free(msg);
	}
}

/* Parse a comparison or a unary expression. */
static struct cond *
cond_parse_unary(struct cond_parser *cp)
{
	static const struct {
		const char *tok;
		enum cond_op op;
	} ops[] = {
	        {"==", COND_EQ}, {"!=", COND_NE}, {"<=", COND_LE},
	        {">=", COND_GE}, {"<", COND_LT},  {">", COND_GT},
	};
	struct cond *c;

	cond_skip(cp);
	if (cp->p[0] == '!' && cp->p[1] != '=') {
		cp->p++;
		c = cond_new(cp, COND_NOT);
		if (!cond_enter(cp))
			return c;
		c->a = cond_parse_unary(cp);
		cp->depth--;
		c->type = CONDV_BOOL;
		if (!cp->failed && c->a->type != CONDV_BOOL)
			cond_error(cp, c->a,
			           _("! needs a true/false condition"));
		return c;
	}
	c = cond_parse_primary(cp);
	if (cp->failed)
		return c;
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		if (cond_accept(cp, ops[i].tok)) {
			struct cond *cmp = cond_new(cp, ops[i].op);

			cmp->line = c->line;
			cmp->col = c->col;
			cmp->a = c;
			cmp->b = cond_parse_primary(cp);
			cmp->type = CONDV_BOOL;
			if (!cp->failed)
				cond_check_compare(cp, cmp);
			return cmp;
		}
	}
	return c;
}

/* Parse a chain of one binary logical operator. */
static struct cond *
cond_parse_chain(struct cond_parser *cp, const char *tok, enum cond_op op,
                 struct cond *(*sub)(struct cond_parser *))
{
	struct cond *c = sub(cp);

	while (!cp->failed && cond_accept(cp, tok)) {
		struct cond *n = cond_new(cp, op);

		n->a = c;
		n->b = sub(cp);
		n->type = CONDV_BOOL;
		c = n;
		if (!cp->failed &&
		    (n->a->type != CONDV_BOOL || n->b->type != CONDV_BOOL))
			cond_error(
			        cp, n,
			        _("&& and || join true/false conditions only; compare values with == or use has()"));
	}
	return c;
}

/* Parse a conjunction. */
static struct cond *
cond_parse_and(struct cond_parser *cp)
{
	return cond_parse_chain(cp, "&&", COND_AND, cond_parse_unary);
}

/* Parse a disjunction. */
static struct cond *
cond_parse_or(struct cond_parser *cp)
{
	return cond_parse_chain(cp, "||", COND_OR, cond_parse_and);
}

/* Parse a whole condition; NULL with a diagnostic on error. Caller frees. */
struct cond *
cond_parse(const char *text, const struct fdef_node *scope,
           const struct cond_source *src, struct diag_list *diags)
{
	struct cond_parser cp = {text,  text, scope, src,       diags,
	                         false, 0,    text,  src->line, src->col};
	struct cond *c;

	if (strlen(text) > COND_MAX_TEXT) {
		diag_add(
		        diags, DIAG_ERROR, src->file, src->line, src->col,
		        _("a condition is %zu bytes long; the limit is %d bytes"),
		        strlen(text), COND_MAX_TEXT);
		return NULL;
	}
	c = cond_parse_or(&cp);

	cond_skip(&cp);
	if (!cp.failed && *cp.p != '\0')
		cond_error(&cp, NULL, _("unexpected text after the condition"));
	if (!cp.failed && c->type != CONDV_BOOL)
		cond_error(
		        &cp, c,
		        _("a condition must be true or false; compare the item with == or use has()/empty()"));
	if (cp.failed)
		cond_free(&c);
	return c;
}

/* Tell whether a value is empty. */
static bool
cond_value_empty(const struct cond_value *v)
{
	switch (v->type) {
	case CONDV_BOOL:
		return !v->b;
	case CONDV_STR:
		return v->s == NULL || v->s[0] == '\0';
	case CONDV_SET:
		return v->nset == 0;
	case CONDV_NUM:
	case CONDV_LIST:
		return v->n == 0;
	}
	return true;
}

/* Evaluate an operand to a value. */
static void
cond_value_of(const struct cond *c, const struct cond_env *env,
              const void *inst, struct cond_value *v)
{
	memset(v, 0, sizeof *v);
	v->type = c->type;
	switch (c->op) {
	case COND_PATH:
		if (c->node->kind != FDEF_ITEM || c->node->type == FT_TABLE) {
			v->type = CONDV_LIST;
			v->n = (long)env->count(env->ctx, inst, c->node);
		} else {
			env->get(env->ctx, inst, c->node, v);
		}
		break;
	case COND_STR:
		v->s = c->str;
		break;
	case COND_NUM:
		v->n = c->num;
		break;
	case COND_RANK: {
		struct cond_value sv;

		/* The option's number (1 = the first option), 0 when empty. */
		env->get(env->ctx, inst, c->a->node, &sv);
		v->n = sv.s && sv.s[0] ? fdef_option_index(c->a->node, sv.s) + 1
		                       : 0;
		break;
	}
	case COND_COUNT: {
		struct cond_value sv;

		if (c->a->node->type == FT_MULTI) {
			env->get(env->ctx, inst, c->a->node, &sv);
			v->n = (long)sv.nset;
		} else {
			v->n = (long)env->count(env->ctx, inst, c->a->node);
		}
		break;
	}
	default:
		v->b = cond_eval(c, env, inst);
		break;
	}
}

/* Compare two values of the same type. */
static int
cond_compare(const struct cond_value *x, const struct cond_value *y)
{
	switch (x->type) {
	case CONDV_NUM:
		return x->n < y->n ? -1 : x->n > y->n;
	case CONDV_BOOL:
		return (int)x->b - (int)y->b;
	default:
		return strcmp(x->s ? x->s : "", y->s ? y->s : "");
	}
}

/* Evaluate a condition in a document instance. */
bool
cond_eval(const struct cond *c, const struct cond_env *env, const void *inst)
{
	struct cond_value x, y;

	switch (c->op) {
	case COND_OR:
		return cond_eval(c->a, env, inst) || cond_eval(c->b, env, inst);
	case COND_AND:
		return cond_eval(c->a, env, inst) && cond_eval(c->b, env, inst);
	case COND_NOT:
		return !cond_eval(c->a, env, inst);
	case COND_BOOL:
		return c->num != 0;
	case COND_PATH:
		cond_value_of(c, env, inst, &x);
		return x.b;
	case COND_EQ:
	case COND_NE:
	case COND_LT:
	case COND_LE:
	case COND_GT:
	case COND_GE: {
		int r;

		cond_value_of(c->a, env, inst, &x);
		cond_value_of(c->b, env, inst, &y);
		r = cond_compare(&x, &y);
		switch (c->op) {
		case COND_EQ:
			return r == 0;
		case COND_NE:
			return r != 0;
		case COND_LT:
			return r < 0;
		case COND_LE:
			return r <= 0;
		case COND_GT:
			return r > 0;
		default:
			return r >= 0;
		}
	}
	case COND_HAS:
		cond_value_of(c->a, env, inst, &x);
		for (size_t i = 0; i < x.nset; i++)
			if (strcmp(x.set[i], c->b->str) == 0)
				return true;
		return false;
	case COND_EMPTY:
	case COND_FILLED:
		cond_value_of(c->a, env, inst, &x);
		return cond_value_empty(&x) == (c->op == COND_EMPTY);
	case COND_ANY:
	case COND_ALL: {
		size_t n = env->count(env->ctx, inst, c->a->node);

		for (size_t i = 0; i < n; i++) {
			const void *sub =
			        env->instance(env->ctx, inst, c->a->node, i);
			bool r = cond_eval(c->b, env, sub);

			if (c->op == COND_ANY && r)
				return true;
			if (c->op == COND_ALL && !r)
				return false;
		}
		return c->op == COND_ALL;
	}
	default:
		return false;
	}
}

/* Call visit for every item an expression reads. */
void
cond_reads(const struct cond *c,
           void (*visit)(void *arg, const struct fdef_node *node), void *arg)
{
	if (c == NULL)
		return;
	if (c->op == COND_PATH && c->node != NULL)
		visit(arg, c->node);
	cond_reads(c->a, visit, arg);
	cond_reads(c->b, visit, arg);
}
