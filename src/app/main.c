#include <config.h>

#include "cli.h"

/* Run hyoka. */
int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
