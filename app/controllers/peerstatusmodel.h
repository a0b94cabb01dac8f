#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QString>
#include <QtQml/qqmlregistration.h>

class Database;

// The peer lanes as the peer server last published them (peer_status), for the sync status panel.
class PeerStatusModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("owned by SyncStatusController")
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)
public:
    enum Role {
        PeerRole = Qt::UserRole + 1,
        TerminalIdRole,
        DirectionRole,
        StateRole,
        ConnectedRole,
        SinceRole,
        LastMessageAtRole,
        UnackedRole,
        RejectsRole,
        LastErrorRole,
        ChannelRole,
        StoreKeyRole,
    };
    struct Peer
    {
        QString peer;
        QString terminalId;
        QString direction;
        QString state;
        QString since;
        QString lastMessageAt;
        qint64 unacked = 0;
        qint64 rejects = 0;
        QString lastError;
        QString channel;
        QString storeKey;
        bool operator==(const Peer &o) const;
        bool connected() const;
    };

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Reads peer_status; the model changes (and views redraw) only when a row did.
    void reload(Database &db);
    void setPeers(const QList<Peer> &peers);
    const QList<Peer> &peers() const { return m_peers; }

Q_SIGNALS:
    void countChanged();

private:
    QList<Peer> m_peers;
};
