RNet(
  (conv1): Conv2d(3, 28, kernel_size=(3, 3), stride=(1, 1))
  (prelu1): PReLU(num_parameters=28)
  (pool1): MaxPool2d(kernel_size=3, stride=2, padding=0, dilation=1, ceil_mode=True)
  (conv2): Conv2d(28, 48, kernel_size=(3, 3), stride=(1, 1))
  (prelu2): PReLU(num_parameters=48)
  (pool2): MaxPool2d(kernel_size=3, stride=2, padding=0, dilation=1, ceil_mode=True)
  (conv3): Conv2d(48, 64, kernel_size=(2, 2), stride=(1, 1))
  (prelu3): PReLU(num_parameters=64)
  (dense4): Linear(in_features=576, out_features=128, bias=True)
  (prelu4): PReLU(num_parameters=128)
  (prelu_shared): PReLU(num_parameters=1)
  (dense5_1): Linear(in_features=128, out_features=2, bias=True)
  (softmax5_1): Softmax(dim=1)
  (dense5_2): Linear(in_features=128, out_features=4, bias=True)
)



def forward(self, x):
    conv1 = self.conv1(x);  x = None
    prelu1 = self.prelu1(conv1);  conv1 = None
    pool1 = self.pool1(prelu1);  prelu1 = None
    conv2 = self.conv2(pool1);  pool1 = None
    prelu2 = self.prelu2(conv2);  conv2 = None
    pool2 = self.pool2(prelu2);  prelu2 = None
    conv3 = self.conv3(pool2);  pool2 = None
    prelu3 = self.prelu3(conv3);  conv3 = None
    permute = prelu3.permute(0, 3, 2, 1);  prelu3 = None
    contiguous = permute.contiguous();  permute = None
    getattr_1 = contiguous.shape
    getitem = getattr_1[0];  getattr_1 = None
    view = contiguous.view(getitem, -1);  contiguous = getitem = None
    dense4 = self.dense4(view);  view = None
    prelu4 = self.prelu4(dense4);  dense4 = None
    prelu_shared = self.prelu_shared(prelu4);  prelu4 = None
    dense5_1 = self.dense5_1(prelu_shared)
    softmax5_1 = self.softmax5_1(dense5_1);  dense5_1 = None
    dense5_2 = self.dense5_2(prelu_shared);  prelu_shared = None
    cat = torch.cat([dense5_2, softmax5_1], dim = 1);  dense5_2 = softmax5_1 = None
    return cat
    
