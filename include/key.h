/* Keys as the editor sees them: Unicode code points for typed text and
 * codes above Unicode for everything else. Names follow tmux. */
#ifndef HYOKA_KEY_H
#define HYOKA_KEY_H

#include <stdint.h>

enum {
	HK_NONE = 0,
	HK_BASE = 0x110000,
	HK_ENTER,
	HK_TAB,
	HK_BTAB,
	HK_ESC,
	HK_SPACE,
	HK_BSPACE,
	HK_DEL,
	HK_UP,
	HK_DOWN,
	HK_LEFT,
	HK_RIGHT,
	HK_HOME,
	HK_END,
	HK_PGUP,
	HK_PGDN,
	HK_INS,
	HK_RESIZE,
	HK_PASTE_START, /* a pasted block follows (bracketed paste) */
	HK_PASTE_END,
	HK_F1,                  /* F1 .. F12 follow */
	HK_CTRL_A = HK_F1 + 12, /* C-a .. C-z follow */
	HK_LAST = HK_CTRL_A + 26,
};

#define HK_F(n)    (HK_F1 + (n)-1)
#define HK_CTRL(c) (HK_CTRL_A + ((c) - 'a'))

uint32_t key_from_name(const char *name);
const char *key_label(uint32_t key);

#endif
