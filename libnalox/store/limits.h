/* Internal: the limits the library checks values against, each named once. */
#ifndef NX_LIMITS_H
#define NX_LIMITS_H

/* The longest span of days an option or a file may give: a needs
 * horizon, a supply notification, a minimum shelf life. Ten years. */
#define NX_DAYS_MAX_SPAN 3650
/* The farthest nalox_expiring() looks ahead (within_days): a century. */
#define NX_DAYS_MAX_WINDOW 36500
/* A year of history, the 52 weeks up to a day D: the days after
 * D - NX_YEAR_DAYS, up to and including D. */
#define NX_YEAR_DAYS 364
/* The most kits one move, demand line, delivery or transfer can carry. */
#define NX_KITS_MAX 1000000000LL
/* The longest code (product, site, area, lot, holder ref, move ref), in
 * bytes; a buffer for one is NX_CODE_MAX + 1. */
#define NX_CODE_MAX 64

/* A limit as text, for messages built at compile time. */
#define NX_STR_(x) #x
#define NX_STR(x) NX_STR_(x)

/* A number of days parsed as a long long, as an int for an option that
 * checks its own range: anything past NX_DAYS_MAX_SPAN becomes
 * NX_DAYS_MAX_SPAN + 1, which that check refuses, naming the range. */
static inline int nx_days_int(long long days)
{
	return days > NX_DAYS_MAX_SPAN ? NX_DAYS_MAX_SPAN + 1 : (int)days;
}

#endif
