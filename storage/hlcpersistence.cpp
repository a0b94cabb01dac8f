#include "hlcpersistence.h"

#include "database.h"

Hlc::Persistence hlcPersistence(Database &db)
{
    return {[&db] { return db.meta(QStringLiteral("hlc")); },
            [&db](const QString &state) { return db.setMeta(QStringLiteral("hlc"), state); }};
}
