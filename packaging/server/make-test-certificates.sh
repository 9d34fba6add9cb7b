#!/bin/sh
# A throwaway certificate authority and a server certificate signed by it, to try TLS
# with sslmode=verify-full before the bank's own PKI issues the real certificate.
#
#   make-test-certificates.sh OUT_DIR SERVER_HOST_NAME [DAYS]
#
# Writes OUT_DIR/ca.crt (what workstations trust: sslrootcert), OUT_DIR/server.crt and
# OUT_DIR/server.key (ssl_cert_file / ssl_key_file on the server; the key is readable by
# its owner only). The CA's own key is deleted at the end: nothing more can ever be
# signed with it. Never use these in production; tests/deploy uses this script.
set -eu
out=${1:?usage: make-test-certificates.sh OUT_DIR SERVER_HOST_NAME [DAYS]}
host=${2:?usage: make-test-certificates.sh OUT_DIR SERVER_HOST_NAME [DAYS]}
days=${3:-30}
mkdir -p "$out"
umask 077
ext="$out/server.ext"
printf 'subjectAltName=DNS:%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' \
  "$host" >"$ext"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days "$days" \
  -subj "/CN=svctrainer test CA" -keyout "$out/ca.key" -out "$out/ca.crt" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
  2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
  -subj "/CN=$host" -keyout "$out/server.key" -out "$out/server.csr" 2>/dev/null
openssl x509 -req -in "$out/server.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" \
  -CAcreateserial -days "$days" -extfile "$ext" -out "$out/server.crt" 2>/dev/null
rm -f "$out/ca.key" "$out/ca.srl" "$out/server.csr" "$ext"
chmod 644 "$out/ca.crt" "$out/server.crt"
echo "$out/ca.crt $out/server.crt $out/server.key"
