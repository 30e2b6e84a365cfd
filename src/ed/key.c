#include <config.h>
#include "key.h"

#include <stdio.h>
#include <string.h>

#include "utf8.h"

static const struct {
	const char *name;
	uint32_t key;
} key_names[] = {
        {"Enter", HK_ENTER}, {"Tab", HK_TAB},     {"BTab", HK_BTAB},
        {"Escape", HK_ESC},  {"Space", HK_SPACE}, {"BSpace", HK_BSPACE},
        {"DC", HK_DEL},      {"Up", HK_UP},       {"Down", HK_DOWN},
        {"Left", HK_LEFT},   {"Right", HK_RIGHT}, {"Home", HK_HOME},
        {"End", HK_END},     {"PgUp", HK_PGUP},   {"PPage", HK_PGUP},
        {"PgDn", HK_PGDN},   {"NPage", HK_PGDN},  {"IC", HK_INS},
};

/* The key named name (Enter, C-s, F1, or one character such as 2 or あ);
 * HK_NONE when unknown. */
uint32_t
key_from_name(const char *name)
{
	uint32_t cp;
	size_t len = strlen(name);

	if (len > 0 && utf8_decode(name, len, &cp) == len && cp >= 0x21 &&
	    cp != 0x7f && cp != 0xFFFD)
		return cp;
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcmp(name, key_names[i].name) == 0)
			return key_names[i].key;
	if (name[0] == 'C' && name[1] == '-' && name[2] >= 'a' &&
	    name[2] <= 'z' && name[3] == '\0')
		return (uint32_t)HK_CTRL(name[2]);
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		int n = name[1] - '0';

		if (name[2] >= '0' && name[2] <= '9' && name[3] == '\0')
			n = n * 10 + (name[2] - '0');
		else if (name[2] != '\0')
			return HK_NONE;
		if (n >= 1 && n <= 12)
			return (uint32_t)HK_F(n);
	}
	return HK_NONE;
}

/* A printable name of a key, for messages. Static storage. */
const char *
key_label(uint32_t key)
{
	static char buf[8];

	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key)
			return key_names[i].name;
	if (key >= HK_CTRL_A && key < HK_LAST) {
		snprintf(buf, sizeof buf, "C-%c", 'a' + (int)(key - HK_CTRL_A));
		return buf;
	}
	if (key >= HK_F1 && key < HK_CTRL_A) {
		snprintf(buf, sizeof buf, "F%d", (int)(key - HK_F1 + 1));
		return buf;
	}
	return "?";
}
