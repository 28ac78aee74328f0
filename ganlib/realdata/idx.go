package realdata

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// IDX is one array in LeCun's IDX format, the format MNIST ships in: unsigned bytes with its dimensions.
//
//	magic: 0x00 0x00 type rank   (type 0x08 = unsigned byte, the only type MNIST uses)
//	rank big-endian uint32 dimensions
//	the data, row-major
type IDX struct {
	Dims []int  // e.g. [60000, 28, 28] for MNIST's training images, [60000] for its labels.
	Data []byte // len = product of Dims.
}

// maxIDXElements bounds the size a header may announce, so a corrupt header cannot ask for terabytes.
const maxIDXElements = 1 << 30

// ReadIDX reads one IDX array of unsigned bytes, gzip-compressed or not (told apart by gzip's magic bytes).
// A truncated or corrupt input gives an error of one sentence; it never panics.
func ReadIDX(r io.Reader) (*IDX, error) {
	br := bufio.NewReader(r)
	if head, err := br.Peek(2); err == nil && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("corrupt gzip header (%v)", err)
		}
		defer zr.Close()
		br = bufio.NewReader(zr)
	}
	var magic [4]byte
	if _, err := io.ReadFull(br, magic[:]); err != nil {
		return nil, fmt.Errorf("truncated IDX file: fewer than 4 header bytes (%v)", err)
	}
	if magic[0] != 0 || magic[1] != 0 {
		return nil, fmt.Errorf("not an IDX file: magic bytes % x should start with 00 00", magic)
	}
	if magic[2] != 0x08 {
		return nil, fmt.Errorf("unsupported IDX element type 0x%02x: only unsigned bytes (0x08) are read", magic[2])
	}
	rank := int(magic[3])
	if rank == 0 || rank > 4 {
		return nil, fmt.Errorf("unsupported IDX rank %d: expected 1 to 4 dimensions", rank)
	}
	dims := make([]int, rank)
	n := 1
	for i := range dims {
		var d uint32
		if err := binary.Read(br, binary.BigEndian, &d); err != nil {
			return nil, fmt.Errorf("truncated IDX header: dimension %d of %d is missing", i+1, rank)
		}
		if d == 0 || d > maxIDXElements || n > maxIDXElements/int(d) {
			return nil, fmt.Errorf("corrupt IDX header: dimensions %v announce an empty or too large array", append(dims[:i:i], int(d)))
		}
		dims[i] = int(d)
		n *= int(d)
	}
	// Grow by reading, past 64 MiB, so a header announcing far more than the input holds cannot allocate it up front.
	var buf bytes.Buffer
	buf.Grow(min(n, 1<<26) + bytes.MinRead)
	got, err := io.CopyN(&buf, br, int64(n))
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("truncated IDX file: header announces %v = %d bytes of data, found %d", dims, n, got)
		}
		return nil, fmt.Errorf("corrupt IDX data after %d of %d bytes (%v)", got, n, err)
	}
	return &IDX{Dims: dims, Data: buf.Bytes()}, nil
}
