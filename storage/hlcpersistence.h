#pragma once

#include "hlc.h"

class Database;

// The lane's HLC state kept in lane_meta (key "hlc"), written in the caller's transaction.
Hlc::Persistence hlcPersistence(Database &db);
