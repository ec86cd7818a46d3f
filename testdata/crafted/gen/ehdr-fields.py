from mkelf import *
import struct
def P(t,off,va,pa,fs,ms): return dict(type=t,offset=off,vaddr=va,paddr=pa,filesz=fs,memsz=ms)
write('noshdr.x',[],phdrs=[P(1,0,0x400000,0x400000,0x100,0x100)],etype=2,shnum=0,shoff=0,shstrndx=0)
write('noshdr_strndx.x',[],phdrs=[P(1,0,0x400000,0x400000,0x100,0x100)],etype=2,shnum=0,shoff=0,shstrndx=3)
write('shoff_small.x',[Sec('.text',1,A|X,data=b'\x90')],etype=2,shoff=8)
b,_=build([Sec('.text',1,A|X,data=b'\x90')],etype=2); b=bytearray(b); struct.pack_into('<Q',b,0x28,0x100000); open('shoff_eof.x','wb').write(b)
# extended numbering: e_shnum=0, shdr0.sh_size = real count; shstrndx=0xffff, shdr0.sh_link=real
b,info=build([Sec('.text',1,A|X,data=b'\x90'),Sec('.data',1,A|W,data=b'x')]); b=bytearray(b)
shoff=struct.unpack_from('<Q',b,0x28)[0]; n=struct.unpack_from('<H',b,0x3c)[0]; strndx=struct.unpack_from('<H',b,0x3e)[0]
struct.pack_into('<H',b,0x3c,0); struct.pack_into('<H',b,0x3e,0xffff)
struct.pack_into('<Q',b,shoff+32,n); struct.pack_into('<I',b,shoff+40,strndx)
open('extnum.o','wb').write(b)
# shentsize wrong
write('shentsize.o',[Sec('.text',1,A|X,data=b'\x90')],shentsize=40)
# phdr invalid alignment
write('phalign.x',[Sec('.text',1,A|X,addr=0x400000,data=b'\x90')],phdrs=[dict(type=1,offset=0,vaddr=0x400000,paddr=0x400000,filesz=0x100,memsz=0x100,align=3)],etype=2)
# phnum huge
write('phnum_huge.x',[Sec('.text',1,A|X,data=b'\x90')],phdrs=[P(1,0,0,0,0,0)]*2,etype=2,phoff=0x100000)
