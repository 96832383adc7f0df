/* An LD_PRELOAD library for the fault-injection tests (not part of the product): it makes
   the Nth write, fsync or open on a file under a directory fail with a chosen errno.
   Settings come from the environment; see fault_shim.c. */
