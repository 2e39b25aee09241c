/* hello: the baseline of the process benchmark, a hello-world linked
 * statically like build/bin/smtpcode, writing through stdio as it does. */
#include <stdio.h>

int main(void)
{
	puts("hello, world");
	return 0;
}
