package engine

import (
	"github.com/gomlx/gomlx/backends"
	"github.com/gomlx/gomlx/pkg/core/dtypes"
	"github.com/gomlx/gomlx/pkg/core/shapes"
)

// Convolutions on the pure-Go engine. GoMLX v0.26's simplego runs ConvGeneral as a plain loop on one core
// (about 0.3-0.5 GFLOP/s here), while its matrix product is blocked and runs on every core. So on pure Go the
// wrapper builds each convolution as slices of the input and one matrix product ("im2col"), from operations
// simplego has (Slice, Concatenate, Reshape, Transpose, DotGeneral). The graph still holds a convolution node,
// so its gradient is unchanged (ganlib's own, internal/gradfix): only the way the engine computes it changes.
//
// Two layouts, whichever needs fewer slices:
//   - by kernel offset (the usual im2col): one strided slice of the input per kernel position, concatenated
//     along the channels: [batch, out..., K*cin] · [K*cin, cout]. Used by forward convolutions (K = 9).
//   - by output position: one slice of the input per output position, each the whole receptive field:
//     [P, batch, K*cin] · [K*cin, cout]. Used where the "kernel" is large and the output small, as in the
//     kernel gradient (a convolution of the input with the output gradient, giving a 3x3 result).
//
// Convolutions this does not cover (input dilation, grouped channels, negative padding, other dtypes) go to
// simplego's own ConvGeneral.

// ConvGeneral is simplego's convolution, computed as im2col on the pure-Go engine (see above).
func (b *builder) ConvGeneral(input, kernel backends.Op, axes backends.ConvolveAxesConfig, strides []int, paddings [][2]int,
	inputDilations, kernelDilations []int, channelGroupCount, batchGroupCount int) (backends.Op, error) {
	native := func() (backends.Op, error) {
		return b.Builder.ConvGeneral(input, kernel, axes, strides, paddings, inputDilations, kernelDilations, channelGroupCount, batchGroupCount)
	}
	if !b.w.im2col || channelGroupCount > 1 || batchGroupCount > 1 {
		return native()
	}
	out, ok, err := b.im2col(input, kernel, axes, strides, paddings, inputDilations, kernelDilations)
	if err != nil || !ok {
		return native()
	}
	b.w.convProducts.Add(1)
	return out, nil
}

func (b *builder) im2col(input, kernel backends.Op, axes backends.ConvolveAxesConfig, strides []int, paddings [][2]int,
	inputDilations, kernelDilations []int) (backends.Op, bool, error) {
	inShape, err := b.OpShape(input)
	if err != nil {
		return nil, false, err
	}
	kShape, err := b.OpShape(kernel)
	if err != nil {
		return nil, false, err
	}
	dtype := inShape.DType
	if dtype != dtypes.Float32 && dtype != dtypes.Float64 || kShape.DType != dtype {
		return nil, false, nil
	}
	s := len(axes.InputSpatial)
	if len(axes.KernelSpatial) != s || len(axes.OutputSpatial) != s || inShape.Rank() != s+2 || kShape.Rank() != s+2 {
		return nil, false, nil
	}
	at := func(v []int, i, def int) int {
		if len(v) == 0 {
			return def
		}
		return v[i]
	}
	// Canonical layouts: x [batch, spatial..., cin], kernel [spatial..., cin, cout].
	x, err := b.transposeIfNeeded(input, append(append([]int{axes.InputBatch}, axes.InputSpatial...), axes.InputChannels))
	if err != nil {
		return nil, false, err
	}
	k, err := b.transposeIfNeeded(kernel, append(append(append([]int(nil), axes.KernelSpatial...), axes.KernelInputChannels), axes.KernelOutputChannels))
	if err != nil {
		return nil, false, err
	}
	batch, cin, cout := inShape.Dimensions[axes.InputBatch], inShape.Dimensions[axes.InputChannels], kShape.Dimensions[axes.KernelOutputChannels]
	if kShape.Dimensions[axes.KernelInputChannels] != cin {
		return nil, false, nil
	}
	ks, st, dil, outDims := make([]int, s), make([]int, s), make([]int, s), make([]int, s)
	kSize, pSize := 1, 1
	for a := range s {
		if at(inputDilations, a, 1) != 1 {
			return nil, false, nil
		}
		lo, hi := 0, 0
		if len(paddings) > 0 {
			lo, hi = paddings[a][0], paddings[a][1]
		}
		if lo < 0 || hi < 0 {
			return nil, false, nil
		}
		ks[a], st[a], dil[a] = kShape.Dimensions[axes.KernelSpatial[a]], at(strides, a, 1), at(kernelDilations, a, 1)
		if st[a] < 1 || dil[a] < 1 {
			return nil, false, nil
		}
		n := inShape.Dimensions[axes.InputSpatial[a]] + lo + hi
		outDims[a] = (n-(ks[a]-1)*dil[a]-1)/st[a] + 1
		if outDims[a] < 1 {
			return nil, false, nil
		}
		if x, err = b.padAxis(x, a+1, lo, hi); err != nil {
			return nil, false, err
		}
		kSize *= ks[a]
		pSize *= outDims[a]
	}
	xShape, err := b.OpShape(x) // Padded.
	if err != nil {
		return nil, false, err
	}
	k2, err := b.Reshape(k, kSize*cin, cout)
	if err != nil {
		return nil, false, err
	}
	var y backends.Op // Canonical output: [batch, out..., cout].
	if kSize <= pSize {
		// By kernel offset: for each kernel position j, x[:, j*dil + i*st, :] for every output position i.
		parts := make([]backends.Op, 0, kSize)
		for j := range kSize {
			part, err := b.window(x, xShape, unravel(j, ks), dil, outDims, st)
			if err != nil {
				return nil, false, err
			}
			parts = append(parts, part)
		}
		patches := parts[0]
		if len(parts) > 1 {
			if patches, err = b.Concatenate(s+1, parts...); err != nil {
				return nil, false, err
			}
		}
		if y, err = b.Builder.DotGeneral(patches, []int{s + 1}, nil, k2, []int{0}, nil); err != nil {
			return nil, false, err
		}
	} else {
		// By output position: for each output position i, the receptive field x[:, i*st + j*dil, :] for all j.
		parts := make([]backends.Op, 0, pSize)
		for i := range pSize {
			part, err := b.window(x, xShape, unravel(i, outDims), st, ks, dil)
			if err != nil {
				return nil, false, err
			}
			if part, err = b.Reshape(part, 1, batch, kSize*cin); err != nil {
				return nil, false, err
			}
			parts = append(parts, part)
		}
		fields := parts[0]
		if len(parts) > 1 {
			if fields, err = b.Concatenate(0, parts...); err != nil {
				return nil, false, err
			}
		}
		prod, err := b.Builder.DotGeneral(fields, []int{2}, nil, k2, []int{0}, nil) // [P, batch, cout]
		if err != nil {
			return nil, false, err
		}
		if prod, err = b.Reshape(prod, append(append([]int(nil), outDims...), batch, cout)...); err != nil {
			return nil, false, err
		}
		perm := make([]int, s+2) // [out..., batch, cout] -> [batch, out..., cout]
		perm[0], perm[s+1] = s, s+1
		for a := range s {
			perm[a+1] = a
		}
		if y, err = b.Transpose(prod, perm...); err != nil {
			return nil, false, err
		}
	}
	// To the requested output layout: output axis OutputBatch is canonical axis 0, and so on.
	perm := make([]int, s+2)
	perm[axes.OutputBatch], perm[axes.OutputChannels] = 0, s+1
	for a := range s {
		perm[axes.OutputSpatial[a]] = a + 1
	}
	y, err = b.transposeIfNeeded(y, perm)
	return y, err == nil, err
}

// window slices x [batch, spatial..., c] along each spatial axis a: count[a] elements, step[a] apart, starting
// at index[a]*scale[a]. Both im2col layouts take their slices this way: by kernel offset (index the offset,
// scaled by the dilation; count the output size, stepped by the stride) and by output position (index the
// position, scaled by the stride; count the kernel size, stepped by the dilation).
func (b *builder) window(x backends.Op, xShape shapes.Shape, index, scale, count, step []int) (backends.Op, error) {
	r := xShape.Rank()
	starts, limits, strides := make([]int, r), append([]int(nil), xShape.Dimensions...), make([]int, r)
	strides[0], strides[r-1] = 1, 1
	for a := range index {
		starts[a+1] = index[a] * scale[a]
		limits[a+1] = starts[a+1] + (count[a]-1)*step[a] + 1
		strides[a+1] = step[a]
	}
	return b.Slice(x, starts, limits, strides)
}

// transposeIfNeeded returns op with its axes permuted (output axis i is op's axis perm[i]), or op itself when
// perm is the identity.
func (b *builder) transposeIfNeeded(op backends.Op, perm []int) (backends.Op, error) {
	for i, p := range perm {
		if i != p {
			return b.Transpose(op, perm...)
		}
	}
	return op, nil
}

// padAxis adds lo zeros before and hi zeros after x along axis (simplego has no Pad).
func (b *builder) padAxis(x backends.Op, axis, lo, hi int) (backends.Op, error) {
	if lo == 0 && hi == 0 {
		return x, nil
	}
	shape, err := b.OpShape(x)
	if err != nil {
		return nil, err
	}
	var zero backends.Op
	if shape.DType == dtypes.Float64 {
		zero, err = b.Constant([]float64{0})
	} else {
		zero, err = b.Constant([]float32{0})
	}
	if err != nil {
		return nil, err
	}
	zeros := func(n int) (backends.Op, error) {
		dims := append([]int(nil), shape.Dimensions...)
		dims[axis] = n
		return b.BroadcastInDim(zero, shapes.Make(shape.DType, dims...), nil)
	}
	parts := make([]backends.Op, 0, 3)
	if lo > 0 {
		z, err := zeros(lo)
		if err != nil {
			return nil, err
		}
		parts = append(parts, z)
	}
	parts = append(parts, x)
	if hi > 0 {
		z, err := zeros(hi)
		if err != nil {
			return nil, err
		}
		parts = append(parts, z)
	}
	return b.Concatenate(axis, parts...)
}

// unravel turns a row-major flat index into a multi-index over dims.
func unravel(i int, dims []int) []int {
	idx := make([]int, len(dims))
	for a := len(dims) - 1; a >= 0; a-- {
		idx[a] = i % dims[a]
		i /= dims[a]
	}
	return idx
}
