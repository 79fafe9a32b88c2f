/* libnalox: admin.h is the former name of administration.h, kept for programs that include it. */
#include "administration.h"
