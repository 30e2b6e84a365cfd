/* The command line: `hyoka new|fields|get|set|check ...` and the editor. */
#ifndef HYOKA_CLI_H
#define HYOKA_CLI_H

int cli_main(int argc, char **argv);

#endif
