#ifndef CCASS_CQRENCODE_SHIM_H
#define CCASS_CQRENCODE_SHIM_H
#include <qrencode.h>
#endif
