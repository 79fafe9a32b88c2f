/* libnalox: io.h is the former name of import.h, kept for programs that include it. */
#include "import.h"
