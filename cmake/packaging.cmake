# Install rules and the Debian package (CPack DEB): `cmake --build build --target package` or
# `cd build && cpack -G DEB` writes euphoria-lane_<version>-<release>_<arch>.deb. What goes where
# follows Debian 12 practice (lintian is the judge: tests/package-check).
#
# The package installs to /usr whatever CMAKE_INSTALL_PREFIX a build directory has cached
# (CPACK_PACKAGING_INSTALL_PREFIX below): every destination is relative to it, but for the
# ones Debian puts outside /usr (/etc, /lib/systemd). A fresh build directory also installs to
# /usr with `cmake --install`.
if(CMAKE_INSTALL_PREFIX_INITIALIZED_TO_DEFAULT)
    set(CMAKE_INSTALL_PREFIX /usr CACHE PATH "Install prefix" FORCE)
endif()
include(GNUInstallDirs)

# Debian 12 keeps systemd units in /lib/systemd/system (the /usr merge of units comes later).
set(EUPHORIA_SYSTEMD_UNIT_DIR /lib/systemd/system CACHE PATH "Where systemd unit files go")
set(EUPHORIA_APP_ID org.euphorialane.Lane)
set(EUPHORIA_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/euphoria-lane)
set(pkg_src ${PROJECT_SOURCE_DIR}/packaging)
set(pkg_bin ${PROJECT_BINARY_DIR}/packaging)
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE
    GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(TARGETS euphoria-lane RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# Man page and Debian changelog, gzip'ed reproducibly (-n: no name, no time stamp).
find_program(GZIP_EXECUTABLE gzip REQUIRED)
set(gz_files)
foreach(pair "euphoria-lane.1:${PROJECT_SOURCE_DIR}/docs/euphoria-lane.1"
        "changelog.Debian:${pkg_src}/changelog.Debian")
    string(REPLACE ":" ";" pair "${pair}")
    list(GET pair 0 name)
    list(GET pair 1 source)
    add_custom_command(OUTPUT ${pkg_bin}/${name}.gz
        COMMAND ${CMAKE_COMMAND} -E make_directory ${pkg_bin}
        COMMAND sh -c "'${GZIP_EXECUTABLE}' -9nc '${source}' > '${pkg_bin}/${name}.gz'"
        DEPENDS ${source} VERBATIM)
    list(APPEND gz_files ${pkg_bin}/${name}.gz)
endforeach()
add_custom_target(euphoria_packaging_files ALL DEPENDS ${gz_files})

configure_file(${pkg_src}/${EUPHORIA_APP_ID}.metainfo.xml
    ${pkg_bin}/${EUPHORIA_APP_ID}.metainfo.xml @ONLY)

install(FILES ${pkg_bin}/euphoria-lane.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${pkg_src}/${EUPHORIA_APP_ID}.desktop
    DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${pkg_src}/${EUPHORIA_APP_ID}.svg
    DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
install(FILES ${pkg_bin}/${EUPHORIA_APP_ID}.metainfo.xml
    DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${pkg_src}/euphoria-lane@.service ${pkg_src}/euphoria-lane-kiosk@.service
    DESTINATION ${EUPHORIA_SYSTEMD_UNIT_DIR})
install(FILES ${pkg_src}/euphoria-lane.sysusers
    DESTINATION lib/sysusers.d RENAME euphoria-lane.conf)
install(FILES ${pkg_src}/euphoria-lane-kiosk.pam
    DESTINATION /etc/pam.d RENAME euphoria-lane-kiosk)
install(FILES ${pkg_src}/copyright ${pkg_bin}/changelog.Debian.gz
    DESTINATION ${EUPHORIA_DOC_DIR})
install(FILES ${pkg_src}/L7.example.json DESTINATION ${EUPHORIA_DOC_DIR}/examples
    RENAME L7.json)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME euphoria-lane)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Euphoria Lane maintainers <maintainers@users.noreply.b-seed-849a1c01.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "checkout-lane terminal with offline-first sync")
# The extended description: lines of at most 80 characters (Debian policy 5.6.13).
set(CPACK_PACKAGE_DESCRIPTION
    "Euphoria Lane is the checkout-lane terminal of a store: a Qt Quick touch UI\n\
for cashiers (PIN login, barcode scanning, cash and card, returns, shifts and\n\
reports) that commits every sale to its own SQLite database and replicates it\n\
to the other lanes and the cloud when the network is there, so a lane keeps\n\
selling offline.\n\
.\n\
The package ships systemd units for a headless lane (euphoria-lane@.service)\n\
and for a touch-screen kiosk lane under the cage compositor\n\
(euphoria-lane-kiosk@.service).")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Libraries from dpkg-shlibdeps, plus what it cannot see, found by running the lane's self-test
# under strace and again with each candidate's files hidden: the QML modules it loads from
# /usr/lib/<arch>/qt6/qml (QtQuick.Controls.Basic, the Templates under it, QtQuick.Layouts, and
# QtQml.WorkerScript, which Controls imports), Qt Sql's SQLite driver (a plugin), and
# systemd-sysusers for the postinst. `import QtQuick` needs no package of its own: libQt6Quick,
# which the executable links, registers that module itself. The platform plugins (xcb,
# offscreen) are in libqt6gui6; qt6-qpa-plugins only has vnc and tuio, unused.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "qml6-module-qtquick-controls, qml6-module-qtquick-templates, qml6-module-qtquick-layouts, \
qml6-module-qtqml-workerscript, libqt6sql6-sqlite, systemd | systemd-standalone-sysusers")
# The kiosk unit: cage, Qt's Wayland platform plugin to draw in it, and Xwayland (Debian 12's cage
# will not start without it: "Cannot create XWayland server").
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cage, qt6-wayland, xwayland")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${pkg_src}/debian/postinst ${pkg_src}/debian/prerm
    ${pkg_src}/debian/postrm ${pkg_src}/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
